package org.centrik.library;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type of a file comes from its bytes; its name is plain. */
class FileSafetyTests {

	static final byte[] PDF = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

	@Test
	void sniffsEveryAllowedTypeFromItsBytes() throws IOException {
		assertThat(FileSafety.sniff(PDF)).isEqualTo("pdf");
		assertThat(FileSafety.sniff(PNG)).isEqualTo("png");
		assertThat(FileSafety.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }))
			.isEqualTo("jpeg");
		assertThat(FileSafety.sniff(new byte[] { 0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' }))
			.isEqualTo("mp4");
		assertThat(FileSafety.sniff(zip("word/document.xml"))).isEqualTo("docx");
		assertThat(FileSafety.sniff(zip("xl/workbook.xml"))).isEqualTo("xlsx");
		assertThat(FileSafety.sniff(zip("ppt/presentation.xml"))).isEqualTo("pptx");
		assertThat(FileSafety.sniff(zip("readme.txt"))).isEqualTo("zip");
		assertThat(FileSafety.sniff("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void contentMustMatchTheNameAndTheDeclaredType() throws IOException {
		assertThat(FileSafety.contentType("План.pdf", "application/pdf", PDF)).isEqualTo("application/pdf");
		assertThat(FileSafety.contentType("План.docx", null, zip("word/document.xml")))
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(code(() -> FileSafety.contentType("План.pdf", "application/pdf", PNG)))
			.isEqualTo("file_content_mismatch");
		assertThat(code(() -> FileSafety.contentType("План.pdf", "image/png", PDF))).isEqualTo("file_content_mismatch");
		assertThat(code(() -> FileSafety.contentType("page.html", "text/html", PDF)))
			.isEqualTo("file_type_not_allowed");
		assertThat(code(() -> FileSafety.contentType("План.pdf", null, new byte[0]))).isEqualTo("empty_file");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd.pdf", "..\\boot.ini.pdf", "/etc/x.pdf", "C:evil.pdf", ".hidden.pdf",
			"a\u0000b.pdf", "a\nb.pdf", "", "  " })
	void fileNamesWithPathTricksAreRefused(String name) {
		assertThat(code(() -> FileSafety.fileName(name))).isEqualTo("bad_file_name");
	}

	@Test
	void plainRussianFileNamesPass() {
		assertThat(FileSafety.fileName(" Рабочая программа (5 класс).pdf "))
			.isEqualTo("Рабочая программа (5 класс).pdf");
	}

	static byte[] zip(String entry) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry(entry));
			zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private static String code(Runnable action) {
		try {
			action.run();
		}
		catch (ErrorResponseException ex) {
			return (String) ex.getBody().getProperties().get("code");
		}
		throw new AssertionError("not refused");
	}

}
