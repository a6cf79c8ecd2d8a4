package org.centrik.matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The matrix and the request list as spreadsheets for reports, with Russian headers: XLSX
 * (fastexcel) and CSV (Apache Commons CSV; UTF-8 with a byte-order mark and {@code ;}
 * between fields, which is what a spreadsheet in a Russian locale opens as columns).
 * Times are shown in Moscow time.
 */
final class MatrixExports {

	static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	static final List<String> REQUEST_HEADERS = List.of("Номер заявки", "Учебный год", "Заявитель", "Исполнитель",
			"Практика", "Направление", "Желаемый формат", "Период с", "Период по", "Педагогов", "Состояние",
			"Причина отказа", "Мероприятия", "Подана", "Изменена");

	private static final Map<String, String> FORMATS = Map.of("seminar", "семинар", "webinar", "вебинар",
			"web_conference", "веб-конференция", "master_class", "мастер-класс", "workshop", "практикум", "discussion",
			"дискуссия", "contest", "конкурс", "open_microphone", "открытый микрофон", "fair", "ярмарка", "open_day",
			"день открытых дверей");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

	private MatrixExports() {
	}

	/**
	 * The request list, one row per request, as text cells in the order of the headers.
	 */
	static List<List<String>> requestRows(List<Request> requests) {
		return requests.stream().map(MatrixExports::requestRow).toList();
	}

	private static List<String> requestRow(Request request) {
		return List.of(String.valueOf(request.id()), schoolYear(request.schoolYear()), request.applicantName(),
				request.executorName(), request.practiceTitle(), request.direction(), format(request.desiredFormat()),
				day(request.periodFrom()), day(request.periodTo()),
				(request.teachersCount() != null) ? String.valueOf(request.teachersCount()) : "",
				request.state().russian(), (request.declineReason() != null) ? request.declineReason() : "",
				request.eventIds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
				moment(request.submittedAt()), moment(request.updatedAt()));
	}

	/**
	 * The matrix as a grid: a header row, a row per applicant with the number of requests
	 * in each cell (empty for none) and the row total, and a totals row.
	 */
	static List<List<String>> matrixRows(MatrixView view) {
		Map<List<Long>, Integer> cells = new HashMap<>();
		view.cells().forEach((cell) -> cells.put(List.of(cell.applicantId(), cell.columnId()), cell.total()));
		List<List<String>> rows = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add("practices".equals(view.by()) ? "Заявитель \\ Практика" : "Заявитель \\ Исполнитель");
		view.columns()
			.forEach((column) -> header
				.add((column.detail() != null) ? column.name() + " (" + column.detail() + ")" : column.name()));
		header.add("Итого");
		rows.add(header);
		for (MatrixView.Header row : view.rows()) {
			List<String> line = new ArrayList<>();
			line.add(row.name());
			view.columns().forEach((column) -> {
				Integer count = cells.get(List.of(row.id(), column.id()));
				line.add((count != null) ? String.valueOf(count) : "");
			});
			line.add(String.valueOf(row.total()));
			rows.add(line);
		}
		List<String> totals = new ArrayList<>();
		totals.add("Итого");
		view.columns().forEach((column) -> totals.add(String.valueOf(column.total())));
		totals.add(String.valueOf(view.total()));
		rows.add(totals);
		return rows;
	}

	static byte[] requestsXlsx(List<Request> requests) {
		return xlsx((workbook) -> sheet(workbook, "Заявки", withHeader(REQUEST_HEADERS, requestRows(requests))));
	}

	/** Three sheets: «Матрица», «Заявки» and «Требуют внимания». */
	static byte[] matrixXlsx(MatrixView view, List<Request> requests) {
		return xlsx((workbook) -> {
			sheet(workbook, "Матрица", matrixRows(view));
			sheet(workbook, "Заявки", withHeader(REQUEST_HEADERS, requestRows(requests)));
			List<List<String>> attention = new ArrayList<>();
			attention.add(List.of("Номер заявки", "Заявитель", "Исполнитель", "Практика", "Причина", "Дней"));
			view.attention()
				.forEach((item) -> attention.add(List.of(String.valueOf(item.request().id()),
						item.request().applicantName(), item.request().executorName(), item.request().practiceTitle(),
						"no_answer".equals(item.reason()) ? "нет ответа исполнителя" : "нет мероприятия",
						String.valueOf(item.days()))));
			sheet(workbook, "Требуют внимания", attention);
		});
	}

	static String requestsCsv(List<Request> requests) {
		return csv(withHeader(REQUEST_HEADERS, requestRows(requests)));
	}

	static String matrixCsv(MatrixView view) {
		return csv(matrixRows(view));
	}

	private static List<List<String>> withHeader(List<String> header, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>(rows.size() + 1);
		all.add(header);
		all.addAll(rows);
		return all;
	}

	/** Numbers go in as numbers, everything else as text. */
	private static void sheet(Workbook workbook, String name, List<List<String>> rows) {
		Worksheet sheet = workbook.newWorksheet(name);
		for (int r = 0; r < rows.size(); r++) {
			List<String> row = rows.get(r);
			for (int c = 0; c < row.size(); c++) {
				String value = row.get(c);
				if (r > 0 && c > 0 && value.matches("[1-9][0-9]{0,9}|0")) {
					sheet.value(r, c, Long.parseLong(value));
				}
				else if (!value.isEmpty()) {
					sheet.value(r, c, value);
				}
			}
		}
		sheet.style(0, 0).bold().set();
		for (int c = 0; c < ((rows.isEmpty()) ? 0 : rows.get(0).size()); c++) {
			sheet.style(0, c).bold().set();
		}
		sheet.freezePane(1, 1);
	}

	private static byte[] xlsx(java.util.function.Consumer<Workbook> content) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			Workbook workbook = new Workbook(out, "Centrik", "1.0");
			content.accept(workbook);
			workbook.finish();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String csv(List<List<String>> rows) {
		StringBuilder out = new StringBuilder("\uFEFF");
		try (CSVPrinter printer = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get())) {
			for (List<String> row : rows) {
				printer.printRecord(row.stream().map(MatrixExports::inert).toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * A text a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
	 * {@code @} first) gets a leading apostrophe: a school's name is never a formula.
	 */
	private static String inert(String value) {
		return (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9]+"))
				? "'" + value : value;
	}

	static String schoolYear(int startYear) {
		return startYear + "/" + String.format("%02d", (startYear + 1) % 100);
	}

	private static String format(String format) {
		return (format != null) ? FORMATS.getOrDefault(format, format) : "";
	}

	private static String day(LocalDate day) {
		return (day != null) ? DAY.format(day) : "";
	}

	private static String moment(Instant moment) {
		return (moment != null) ? MOMENT.format(moment.atZone(ZONE)) : "";
	}

}
