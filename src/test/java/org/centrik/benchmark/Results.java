package org.centrik.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one results table: each workload's page (docs/benchmarks/*.md) carries its rows
 * between {@code <!-- summary -->} markers; after each workload the table in
 * docs/benchmarks.md (between {@code <!-- results:begin -->} and
 * {@code <!-- results:end -->}) is rebuilt from all pages, in workload order.
 */
final class Results {

	static final String HEADER = """
			| workload | measured | reference, same run | ratio | target | met |
			|---|---|---|---|---|---|""";

	private static final String[] PAGES = { "check-in.md", "live-latency.md", "subscribers.md", "door-burst.md" };

	private static final String BEGIN = "<!-- results:begin -->";

	private static final String END = "<!-- results:end -->";

	private Results() {
	}

	/** The summary block of a page: rows of {@link #HEADER}'s table. */
	static String summary(List<String> rows) {
		return "<!-- summary -->\n" + HEADER + "\n" + String.join("\n", rows) + "\n<!-- /summary -->\n";
	}

	static String row(String workload, String measured, String reference, String ratio, String target, boolean met) {
		return "| %s | %s | %s | %s | %s | %s |".formatted(workload, measured, reference, ratio, target,
				met ? "yes" : "**no**");
	}

	/** Rebuilds the table in docs/benchmarks.md from the pages there are. */
	static void refresh() throws IOException {
		List<String> rows = new ArrayList<>();
		for (String page : PAGES) {
			Path path = Path.of("docs/benchmarks", page);
			if (!Files.exists(path)) {
				continue;
			}
			String text = Files.readString(path);
			int start = text.indexOf("<!-- summary -->");
			int end = text.indexOf("<!-- /summary -->");
			if (start < 0 || end < 0) {
				continue;
			}
			String measured = firstLine(text.substring(text.indexOf("Measured") + 9));
			for (String line : text.substring(start, end).split("\n")) {
				if (line.startsWith("| ") && !line.startsWith("| workload")) {
					rows.add(line);
				}
			}
			rows.add("| ([%s](benchmarks/%s), %s) | | | | | |".formatted(page, page, measured));
		}
		Path doc = Path.of("docs/benchmarks.md");
		String text = Files.readString(doc);
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < 0) {
			return;
		}
		String table = BEGIN + "\n" + HEADER + "\n" + String.join("\n", rows) + "\n";
		Files.writeString(doc, text.substring(0, begin) + table + text.substring(end));
	}

	private static String firstLine(String text) {
		int end = text.indexOf(' ');
		return (end > 0) ? text.substring(0, end).trim() : text.trim();
	}

}
