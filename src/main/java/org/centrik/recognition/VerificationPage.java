package org.centrik.recognition;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * The public verification page a certificate's QR code opens, rendered by the server: a
 * phone of anyone who is shown a certificate gets it in Russian at once, without the web
 * UI's script and without logging in. Says valid or revoked, and what it certifies.
 */
final class VerificationPage {

	private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy г.", RUSSIAN);

	private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	private static final String STYLE = """
			:root{--ink:#14231f;--muted:#4d5d58;--line:#d5dbd7;--green:#1f7a3a;--green-soft:#d9f0df;\
			--red:#c4262e;--red-soft:#fbe0e1}\
			*{box-sizing:border-box}body{margin:0;background:#f6f7f4;color:var(--ink);\
			font:17px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;overflow-wrap:break-word}\
			main{max-width:640px;margin:0 auto;padding:16px 14px 32px}\
			header{font-weight:700;color:#0f5c4d;margin-bottom:12px}\
			.status{border-radius:14px;padding:16px;margin-bottom:16px;font-size:1.25rem;font-weight:700}\
			.status--valid{background:var(--green-soft);color:var(--green)}\
			.status--revoked{background:var(--red-soft);color:var(--red)}\
			.status small{display:block;font-size:1rem;font-weight:400;color:var(--ink);margin-top:4px}\
			section{background:#fff;border:1px solid var(--line);border-radius:14px;padding:16px}\
			h1{font-size:1.3rem;margin:0 0 12px}dl{margin:0;display:grid;gap:4px 16px}\
			dt{color:var(--muted);font-size:.9rem}dd{margin:0 0 8px;font-weight:600}\
			@media(min-width:600px){dl{grid-template-columns:auto 1fr}dd{margin:0}}\
			p.note{color:var(--muted);font-size:.9rem}""";

	private VerificationPage() {
	}

	static String of(Certificate c) {
		StringBuilder html = new StringBuilder(head("Проверка сертификата № " + c.number()));
		if (c.revoked()) {
			html.append(
					"<p class=\"status status--revoked\" role=\"status\" data-status=\"revoked\">✕ Сертификат отозван")
				.append("<small>")
				.append(escape(DAY.format(c.revokedAt().atZone(ZONE))))
				.append(c.revokeReason() != null ? ": " + escape(c.revokeReason()) : "")
				.append("</small></p>");
		}
		else {
			html.append(
					"<p class=\"status status--valid\" role=\"status\" data-status=\"valid\">✓ Сертификат действителен")
				.append("<small>Выдан сетью «")
				.append(escape(c.networkName()))
				.append("» и записан в её реестре.</small></p>");
		}
		html.append("<section aria-labelledby=\"what\"><h1 id=\"what\">")
			.append(escape(c.kind().title()))
			.append("</h1><p>")
			.append(escape(certifies(c)))
			.append("</p><dl>");
		row(html, (c.teacherId() != null) ? "Педагог" : "Организация", c.holderName());
		if (c.teacherId() != null) {
			row(html, "Организация", c.organisationName());
		}
		row(html, "Номер", c.number());
		row(html, "Учебный год", new org.centrik.shared.SchoolYear(c.schoolYear()).toString());
		row(html, "Дата выдачи", DAY.format(c.issuedOn()));
		row(html, "Сеть", c.networkName());
		row(html, "Выдал", c.issuerName());
		html.append("</dl></section>")
			.append("<p class=\"note\">Страница проверки открыта всем: она подтверждает, что сертификат с этим номером ")
			.append("выдан и не отозван. Адрес страницы известен только тем, кому показан сертификат.</p>")
			.append("</main></body></html>");
		return html.toString();
	}

	static String notFound() {
		return head("Сертификат не найден")
				+ "<p class=\"status status--revoked\" role=\"status\" data-status=\"unknown\">Сертификат не найден"
				+ "<small>Такого адреса проверки нет. Проверьте ссылку или QR-код на сертификате.</small></p>"
				+ "</main></body></html>";
	}

	private static String certifies(Certificate c) {
		return switch (c.kind()) {
			case TEACHER_CERTIFICATE -> "Подтверждает повышение квалификации в сетевом взаимодействии: педагог "
					+ "участвовал в сетевых образовательных мероприятиях — не менее трёх «центриков» "
					+ "за один–три учебных года.";
			case NETWORK_TEACHER -> "Подтверждает статус «Сетевой педагог»: не менее трёх «центриков» за один–три "
					+ "учебных года, среди них выступления с трансляцией инновационного опыта (красные центрики).";
			case NETWORK_PLATFORM -> "Подтверждает статус «Сетевая площадка»: организация задекларировала "
					+ "инновационный опыт в матрице сети и провела сетевые мероприятия по заявкам, на которых "
					+ "выступали не менее трёх её «Сетевых педагогов».";
		};
	}

	private static String head(String title) {
		return "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + " — Centrik</title><style>"
				+ STYLE + "</style></head><body><main><header>Centrik · проверка сертификата</header>";
	}

	private static void row(StringBuilder html, String term, String value) {
		if (value != null && !value.isBlank()) {
			html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>");
		}
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
