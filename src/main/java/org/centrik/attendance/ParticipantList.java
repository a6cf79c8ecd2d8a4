package org.centrik.attendance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A webinar platform's participant list, CSV or XLSX, as rows of e-mail, name and
 * organisation. Columns are found by their headings (Russian or English, any case); a CSV
 * may be UTF-8 (with or without a BOM) or Windows-1251, separated by commas, semicolons
 * or tabs — what Russian platforms and Excel export.
 */
final class ParticipantList {

	/** The most rows one file may hold. */
	static final int MAX_ROWS = 10_000;

	private static final Set<String> EMAIL = Set.of("email", "e-mail", "e mail", "почта", "электронная почта",
			"эл. почта", "эл.почта", "адрес электронной почты", "mail");

	private static final Set<String> FULL_NAME = Set.of("фио", "ф.и.о.", "ф. и. о.", "участник", "имя участника",
			"фамилия имя отчество", "фамилия, имя, отчество", "name", "full name", "participant", "participant name",
			"имя и фамилия", "пользователь");

	private static final Set<String> LAST_NAME = Set.of("фамилия", "last name", "surname");

	private static final Set<String> FIRST_NAME = Set.of("имя", "first name");

	private static final Set<String> MIDDLE_NAME = Set.of("отчество", "middle name", "patronymic");

	private static final Set<String> ORGANISATION = Set.of("организация", "образовательная организация", "оо", "оу",
			"школа", "учреждение", "место работы", "organisation", "organization", "school", "company", "компания");

	private ParticipantList() {
	}

	/**
	 * Reads the file.
	 * @param fileName its name, to tell XLSX from CSV when the content does not
	 * @throws IllegalArgumentException when it is neither, has no usable columns, or is
	 * too long
	 */
	static List<Line> read(String fileName, byte[] content) {
		boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
		List<List<String>> table = (zip || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")))
				? xlsx(content) : csv(content);
		return lines(table);
	}

	private static List<Line> lines(List<List<String>> table) {
		int header = -1;
		Columns columns = null;
		for (int i = 0; i < Math.min(table.size(), 20) && columns == null; i++) {
			columns = Columns.of(table.get(i));
			header = i;
		}
		if (columns == null) {
			throw new IllegalArgumentException(
					"No column of e-mail or name (ФИО) found in the first rows of the file.");
		}
		if (table.size() - header - 1 > MAX_ROWS) {
			throw new IllegalArgumentException("The file has more than " + MAX_ROWS + " rows.");
		}
		List<Line> lines = new ArrayList<>();
		for (int i = header + 1; i < table.size(); i++) {
			List<String> cells = table.get(i);
			Line line = columns.line(i + 1, cells);
			if (line != null) {
				lines.add(line);
			}
		}
		return lines;
	}

	private static List<List<String>> csv(byte[] content) {
		String text = decode(content);
		if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
			text = text.substring(1);
		}
		String firstLine = text.lines().findFirst().orElse("");
		char delimiter = Stream.of(';', '\t', ',')
			.max((a, b) -> Long.compare(count(firstLine, a), count(firstLine, b)))
			.orElse(',');
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get();
		try {
			List<List<String>> table = new ArrayList<>();
			for (CSVRecord record : format.parse(new StringReader(text))) {
				table.add(record.toList());
				if (table.size() > MAX_ROWS + 20) {
					throw new IllegalArgumentException("The file has more than " + MAX_ROWS + " rows.");
				}
			}
			return table;
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalArgumentException("The CSV file cannot be read: " + ex.getMessage());
		}
	}

	private static List<List<String>> xlsx(byte[] content) {
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content))) {
			Sheet sheet = workbook.getFirstSheet();
			List<List<String>> table = new ArrayList<>();
			try (Stream<Row> rows = sheet.openStream()) {
				for (Row row : (Iterable<Row>) rows::iterator) {
					List<String> cells = new ArrayList<>();
					for (int i = 0; i < row.getCellCount(); i++) {
						Cell cell = row.getCell(i);
						cells.add((cell != null && cell.getRawValue() != null) ? cell.getText().trim() : "");
					}
					table.add(cells);
					if (table.size() > MAX_ROWS + 20) {
						throw new IllegalArgumentException("The file has more than " + MAX_ROWS + " rows.");
					}
				}
			}
			return table;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof IllegalArgumentException) {
				throw (IllegalArgumentException) ex;
			}
			throw new IllegalArgumentException("The XLSX file cannot be read: " + ex.getMessage());
		}
	}

	/** UTF-8 when the bytes are valid UTF-8, otherwise Windows-1251 (Russian Excel). */
	private static String decode(byte[] content) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(content, Charset.forName("windows-1251"));
		}
	}

	private static long count(String line, char c) {
		return line.chars().filter((ch) -> ch == c).count();
	}

	static String heading(String cell) {
		return cell.trim().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ").replaceAll("[:*]$", "");
	}

	/** Where the columns are; -1 for none. */
	private record Columns(int email, int fullName, int lastName, int firstName, int middleName, int organisation) {

		static Columns of(List<String> headings) {
			int email = -1;
			int fullName = -1;
			int lastName = -1;
			int firstName = -1;
			int middleName = -1;
			int organisation = -1;
			for (int i = 0; i < headings.size(); i++) {
				String heading = heading(headings.get(i));
				if (email < 0 && EMAIL.contains(heading)) {
					email = i;
				}
				else if (fullName < 0 && FULL_NAME.contains(heading)) {
					fullName = i;
				}
				else if (lastName < 0 && LAST_NAME.contains(heading)) {
					lastName = i;
				}
				else if (firstName < 0 && FIRST_NAME.contains(heading)) {
					firstName = i;
				}
				else if (middleName < 0 && MIDDLE_NAME.contains(heading)) {
					middleName = i;
				}
				else if (organisation < 0 && ORGANISATION.contains(heading)) {
					organisation = i;
				}
			}
			if (email < 0 && fullName < 0 && lastName < 0) {
				return null;
			}
			return new Columns(email, fullName, lastName, firstName, middleName, organisation);
		}

		Line line(int number, List<String> cells) {
			String name = (this.fullName >= 0) ? cell(cells, this.fullName)
					: String
						.join(" ", cell(cells, this.lastName), cell(cells, this.firstName),
								cell(cells, this.middleName))
						.trim();
			Line line = new Line(number, cell(cells, this.email), name.replaceAll("\\s+", " "),
					cell(cells, this.organisation));
			return (line.email().isEmpty() && line.name().isEmpty()) ? null : line;
		}

		private static String cell(List<String> cells, int index) {
			return (index >= 0 && index < cells.size() && cells.get(index) != null) ? cells.get(index).trim() : "";
		}

	}

	/**
	 * One participant as the platform listed them.
	 *
	 * @param row the row number in the file (1 = the first row)
	 * @param email the e-mail address, or empty
	 * @param name the full name, or empty
	 * @param organisation the organisation, or empty
	 */
	record Line(int row, String email, String name, String organisation) {
	}

}
