package org.centrik.recognition;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.centrik.shared.SchoolYear;

/**
 * Prints a certificate as a one-page A4 landscape PDF in Russian, with the DejaVu Serif
 * font embedded (it carries Cyrillic) and a QR code of the public verification address.
 */
final class CertificatePrinter {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy 'г.'",
			Locale.forLanguageTag("ru"));

	private static final Color INK = new Color(0x1f, 0x2a, 0x44);

	private static final Color GREEN = new Color(0x2e, 0x7d, 0x32);

	private static final Color RED = new Color(0xc6, 0x28, 0x28);

	private CertificatePrinter() {
	}

	/**
	 * @param certificate the certificate, with its evidence
	 * @param verificationAddress the public address the QR code leads to
	 * @return the PDF
	 */
	static byte[] print(Certificate certificate, String verificationAddress) {
		try (PDDocument document = new PDDocument()) {
			PDFont regular = font(document, "/fonts/DejaVuSerif.ttf");
			PDFont bold = font(document, "/fonts/DejaVuSerif-Bold.ttf");
			PDRectangle a4 = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
			PDPage page = new PDPage(a4);
			document.addPage(page);
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle(certificate.kind().title() + " № " + certificate.number());
			info.setAuthor(certificate.issuerName());
			info.setSubject(certificate.holderName());
			float width = a4.getWidth();
			float height = a4.getHeight();
			try (PDPageContentStream page2d = new PDPageContentStream(document, page)) {
				frame(page2d, width, height);
				float y = height - 80;
				y = centred(page2d, bold, 14, certificate.issuerName(), width, y, INK);
				y = centred(page2d, regular, 12, "Методическая сеть «" + certificate.networkName() + "»", width, y - 4,
						INK);
				String title = switch (certificate.kind()) {
					case NETWORK_PLATFORM -> "СЕРТИФИКАТ";
					case NETWORK_TEACHER -> "СЕРТИФИКАТ «СЕТЕВОЙ ПЕДАГОГ»";
					case TEACHER_CERTIFICATE -> "СЕРТИФИКАТ";
				};
				y = centred(page2d, bold, 30, title, width, y - 30, INK);
				y = centred(page2d, regular, 12,
						"№ " + certificate.number() + " от " + DATE.format(certificate.issuedOn()), width, y - 2, INK);
				y = centred(page2d, regular, 14, "подтверждает, что", width, y - 20, INK);
				y = centred(page2d, bold, 22, certificate.holderName(), width, y - 8, INK);
				if (certificate.teacherId() != null) {
					y = centred(page2d, regular, 13, certificate.organisationName(), width, y - 2, INK);
				}
				String year = new SchoolYear(certificate.schoolYear()) + " учебный год";
				List<String> body = switch (certificate.kind()) {
					case TEACHER_CERTIFICATE -> List.of("повысил(а) квалификацию в рамках сетевого взаимодействия:",
							"карта активности педагога по итогам " + year + " — " + centriks(certificate) + ".");
					case NETWORK_TEACHER ->
						List.of("сертифицирован(а) по позиции «Сетевой педагог» как транслятор инновационного опыта:",
								"карта активности педагога по итогам " + year + " — " + centriks(certificate) + ".");
					case NETWORK_PLATFORM -> List.of("присвоен статус «Сетевая площадка» по итогам " + year + ":",
							"сетевые мероприятия по заявкам проведены сертифицированными «Сетевыми педагогами» ("
									+ certificate.evidence()
										.stream()
										.map(Certificate.Evidence::teacherName)
										.distinct()
										.count()
									+ ").");
				};
				y -= 14;
				for (String line : body) {
					y = centred(page2d, regular, 13, line, width, y, INK);
				}
				if (certificate.revoked()) {
					y = centred(page2d, bold, 16,
							"ОТОЗВАН " + DATE.format(certificate.revokedAt().atZone(Cards.ZONE).toLocalDate()) + ": "
									+ certificate.revokeReason(),
							width, y - 16, RED);
				}
				evidence(page2d, regular, certificate, 70, 175);
				qr(page2d, verificationAddress, width - 70 - 120, 60, 120);
				text(page2d, regular, 8, "Проверка подлинности:", width - 70 - 120, 50, INK);
				text(page2d, regular, 7, verificationAddress,
						width - 70 - 120 - shift(regular, 7, verificationAddress, 120), 40, INK);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not print certificate " + certificate.number(), ex);
		}
	}

	private static String centriks(Certificate certificate) {
		long red = certificate.evidence().stream().filter((e) -> "presenter".equals(e.role())).count();
		long green = certificate.evidence().size() - red;
		return "центриков: " + certificate.evidence().size() + " (зелёных " + green + ", красных " + red + ")";
	}

	/** The participations behind it, a line each, at most eight. */
	private static void evidence(PDPageContentStream page, PDFont font, Certificate certificate, float x, float top)
			throws IOException {
		List<Certificate.Evidence> evidence = certificate.evidence();
		float y = top;
		DateTimeFormatter day = DateTimeFormatter.ofPattern("dd.MM.yyyy");
		int shown = Math.min(8, evidence.size());
		for (int i = 0; i < shown; i++) {
			Certificate.Evidence e = evidence.get(i);
			boolean red = "presenter".equals(e.role());
			String who = (certificate.kind() == CertificateKind.NETWORK_PLATFORM) ? e.teacherName() + ": " : "";
			String line = day.format(e.day()) + "  " + who + shorten(e.eventTitle(), 80)
					+ (red ? " (транслятор)" : " (слушатель)");
			page.setNonStrokingColor(red ? RED : GREEN);
			page.addRect(x, y - 1, 6, 6);
			page.fill();
			text(page, font, 9, line, x + 12, y - 1, INK);
			y -= 13;
		}
		if (evidence.size() > shown) {
			text(page, font, 9, "и ещё " + (evidence.size() - shown), x + 12, y - 1, INK);
		}
	}

	private static void qr(PDPageContentStream page, String content, float x, float y, float size) throws IOException {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Cannot encode " + content + " as a QR code", ex);
		}
		float module = size / matrix.getWidth();
		page.setNonStrokingColor(Color.BLACK);
		for (int row = 0; row < matrix.getHeight(); row++) {
			for (int column = 0; column < matrix.getWidth(); column++) {
				if (matrix.get(column, row)) {
					page.addRect(x + column * module, y + size - (row + 1) * module, module, module);
				}
			}
		}
		page.fill();
	}

	private static void frame(PDPageContentStream page, float width, float height) throws IOException {
		page.setStrokingColor(INK);
		page.setLineWidth(3);
		page.addRect(24, 24, width - 48, height - 48);
		page.stroke();
		page.setLineWidth(0.8f);
		page.addRect(32, 32, width - 64, height - 64);
		page.stroke();
	}

	private static float centred(PDPageContentStream page, PDFont font, float size, String text, float width, float y,
			Color color) throws IOException {
		float lineWidth = font.getStringWidth(text) / 1000 * size;
		float fitted = (lineWidth > width - 120) ? size * (width - 120) / lineWidth : size;
		float x = (width - font.getStringWidth(text) / 1000 * fitted) / 2;
		text(page, font, fitted, text, x, y - fitted, color);
		return y - fitted * 1.5f;
	}

	private static void text(PDPageContentStream page, PDFont font, float size, String text, float x, float y,
			Color color) throws IOException {
		page.beginText();
		page.setNonStrokingColor(color);
		page.setFont(font, size);
		page.newLineAtOffset(x, y);
		page.showText(text);
		page.endText();
	}

	/** How far left of {@code x} a line must start to end at {@code x + width}. */
	private static float shift(PDFont font, float size, String text, float width) throws IOException {
		return Math.max(0, font.getStringWidth(text) / 1000 * size - width);
	}

	private static String shorten(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

	private static PDFont font(PDDocument document, String resource) throws IOException {
		try (InputStream in = CertificatePrinter.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("Font " + resource + " is missing from the classpath");
			}
			return PDType0Font.load(document, in);
		}
	}

}
