package org.centrik.attendance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;

/**
 * The attendance register of an event, for reports: everyone present, with their role (a
 * green or red centrik), in Russian, as CSV (UTF-8 with a BOM, semicolons: what Excel
 * opens in Russia) or XLSX.
 */
@Service
class Register {

	private static final List<String> HEADINGS = List.of("№", "ФИО", "Организация", "Роль", "Способ отметки",
			"Время отметки");

	private final Access access;

	private final Schedule schedule;

	private final Participations participations;

	Register(Access access, Schedule schedule, Participations participations) {
		this.access = access;
		this.schedule = schedule;
		this.participations = participations;
	}

	Mono<Export> csv(Caller caller, long eventId) {
		return rows(caller, eventId).map((register) -> new Export(register.event(), csv(register)));
	}

	Mono<Export> xlsx(Caller caller, long eventId) {
		return rows(caller, eventId).publishOn(Schedulers.boundedElastic())
			.map((register) -> new Export(register.event(), xlsx(register)));
	}

	private Mono<Rows> rows(Caller caller, long eventId) {
		EventId event = new EventId(eventId);
		return this.access.eventRoster(caller, eventId)
			.then(this.schedule.event(event))
			.zipWith(this.participations.ofEvent(event)
				.filter((participation) -> participation.status() == Participation.Status.PRESENT)
				.collectList())
			.map((both) -> new Rows(both.getT1(), both.getT2()));
	}

	private static byte[] csv(Rows register) {
		StringWriter out = new StringWriter();
		out.write('\uFEFF');
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
			printer.printRecord(HEADINGS);
			int number = 1;
			for (Participation participation : register.participants()) {
				printer.printRecord(cells(number++, participation, register.zone()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] xlsx(Rows register) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			Workbook workbook = new Workbook(out, "Centrik", "1.0");
			Worksheet sheet = workbook.newWorksheet("Участники");
			sheet.value(0, 0, register.event().title());
			for (int column = 0; column < HEADINGS.size(); column++) {
				sheet.value(2, column, HEADINGS.get(column));
				sheet.style(2, column).bold().set();
			}
			int row = 3;
			for (Participation participation : register.participants()) {
				List<Object> cells = cells(row - 2, participation, register.zone());
				sheet.value(row, 0, (Number) cells.get(0));
				for (int column = 1; column < cells.size(); column++) {
					sheet.value(row, column, (String) cells.get(column));
				}
				row++;
			}
			workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static List<Object> cells(int number, Participation participation, ZoneId zone) {
		return List.of(number, participation.teacherName(), participation.organisationName(),
				(participation.role() == Participation.Role.PRESENTER) ? "транслятор опыта" : "слушатель",
				method(participation.method()),
				DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(zone).format(participation.recordedAt()));
	}

	private static String method(Participation.Method method) {
		return switch (method) {
			case QR -> "QR-код";
			case CODE_WORD -> "кодовое слово";
			case LINK -> "ссылка";
			case HOST_MARKED -> "отметка ведущего";
			case IMPORT -> "импорт списка";
		};
	}

	private record Rows(Event event, List<Participation> participants) {

		ZoneId zone() {
			try {
				return ZoneId.of(this.event.timeZone());
			}
			catch (RuntimeException ex) {
				return ZoneId.of("Europe/Moscow");
			}
		}

	}

	/** An export, with the event for the file name. */
	record Export(Event event, byte[] content) {
	}

}
