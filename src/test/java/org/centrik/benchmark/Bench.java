package org.centrik.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.HdrHistogram.Histogram;
import org.centrik.support.TestDatabase;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What every benchmark shares: the machine it ran on, figures in milliseconds, and where
 * its results go.
 */
final class Bench {

	private Bench() {
	}

	static int integer(String name, int fallback) {
		return Integer.getInteger(name, fallback);
	}

	/** The system load average now, "1 min 5 min 15 min". */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** Cores, Java, PostgreSQL version and where it runs. */
	static String machine(DatabaseClient database) {
		return "%d cores, Java %s, %s (%s)".formatted(Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), serverVersion(database), TestDatabase.source());
	}

	static String serverVersion(DatabaseClient database) {
		return database.sql("show server_version").map((row) -> "PostgreSQL " + row.get(0, String.class)).one().block();
	}

	static String now() {
		return Instant.now().toString();
	}

	static String ms(Histogram histogram, double percentile) {
		return ms(histogram.getValueAtPercentile(percentile));
	}

	/** Microseconds as milliseconds. */
	static String ms(long micros) {
		return (micros >= 100_000) ? String.format("%,.0f ms", micros / 1000.0)
				: String.format("%.1f ms", micros / 1000.0);
	}

	static String ratio(double value) {
		return (value >= 10) ? String.format("%.0f×", value) : String.format("%.2f×", value);
	}

	/**
	 * A number field of a JSON text, e.g. {@code "n":123}, read without a parser (the
	 * benchmarks' own payloads, decoded on the clients' hot path).
	 */
	static long longField(String json, String name) {
		int at = json.lastIndexOf("\"" + name + "\":");
		if (at < 0) {
			return -1;
		}
		int start = at + name.length() + 3;
		int end = start;
		while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
			end++;
		}
		return (end > start) ? Long.parseLong(json, start, end, 10) : -1;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Writes a workload's page under docs/benchmarks/ and prints it. */
	static void write(String file, String report) throws IOException {
		System.out.println(report);
		Path out = Path.of("docs/benchmarks", file);
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
	}

}
