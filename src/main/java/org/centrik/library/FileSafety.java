package org.centrik.library;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.centrik.shared.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * What a product's file may be: at most {@link #MAX_BYTES}, one of a short list of types
 * recognised by their first bytes (never by what the client declares), under a plain file
 * name. A file that fails is refused with a problem detail and nothing is stored.
 */
final class FileSafety {

	/** 20 MiB: a lesson video beyond that is a link, not a file. */
	static final int MAX_BYTES = 20 * 1024 * 1024;

	private static final Map<String, String> TYPES = Map.of("pdf", "application/pdf", "docx",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "xlsx",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pptx",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation", "zip", "application/zip",
			"png", "image/png", "jpeg", "image/jpeg", "mp4", "video/mp4");

	private FileSafety() {
	}

	/**
	 * The file name as stored: trimmed and NFC-normalised; refused
	 * ({@code bad_file_name}) when it names a path or hides anything.
	 */
	static String fileName(String name) {
		String normalised = (name != null) ? Normalizer.normalize(name.trim(), Normalizer.Form.NFC) : "";
		boolean tricky = normalised.isEmpty() || normalised.length() > 200 || normalised.startsWith(".")
				|| normalised.contains("..")
				|| normalised.chars()
					.anyMatch((c) -> c == '/' || c == '\\' || c == ':' || c == '"' || c == '<' || c == '>' || c == '|'
							|| c == '*' || c == '?' || c == '%' || Character.isISOControl(c));
		if (tricky) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "bad_file_name", "Bad file name",
					"The file name must be a plain name (no folders, '..', control or special characters), "
							+ "at most 200 characters.");
		}
		return normalised;
	}

	/**
	 * The content type of the file, sniffed from its bytes; it must agree with the file's
	 * extension and with the declared type, if one was declared.
	 * @param declared the part's {@code Content-Type}, or {@code null}
	 */
	static String contentType(String fileName, String declared, byte[] content) {
		if (content.length == 0) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "empty_file", "Empty file",
					"The file " + fileName + " is empty.");
		}
		if (content.length > MAX_BYTES) {
			throw tooLarge(fileName);
		}
		String extension = extension(fileName);
		if (extension == null) {
			throw Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed", "File type not allowed",
					"Allowed files: PDF, DOCX, XLSX, PPTX, ZIP, PNG, JPEG, MP4; " + fileName + " is none of them.");
		}
		String sniffed = sniff(content);
		if (!extension.equals(sniffed) || (declared != null && !declared.equals("application/octet-stream")
				&& !declared.equalsIgnoreCase(TYPES.get(extension)))) {
			throw Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file_content_mismatch", "File content mismatch",
					"The content of " + fileName + " is not a " + extension.toUpperCase(Locale.ROOT)
							+ " file as its name" + ((declared != null) ? " or declared type" : "") + " says.");
		}
		return TYPES.get(extension);
	}

	static ErrorResponseException tooLarge(String fileName) {
		return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "file_too_large", "File too large",
				"The file " + fileName + " is larger than " + (MAX_BYTES / (1024 * 1024)) + " MB.");
	}

	private static String extension(String fileName) {
		int dot = fileName.lastIndexOf('.');
		String extension = (dot < 0) ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (extension.equals("jpg")) {
			extension = "jpeg";
		}
		return TYPES.containsKey(extension) ? extension : null;
	}

	/** The type the bytes are, by their magic numbers; {@code null} for any other. */
	static String sniff(byte[] content) {
		if (startsWith(content, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
			return "pdf";
		}
		if (startsWith(content, 0, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A })) {
			return "png";
		}
		if (startsWith(content, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })) {
			return "jpeg";
		}
		if (startsWith(content, 4, "ftyp".getBytes(StandardCharsets.US_ASCII))) {
			return "mp4";
		}
		if (startsWith(content, 0, new byte[] { 'P', 'K', 0x03, 0x04 })) {
			// Entry names are stored uncompressed: an Office Open XML file names its main
			// part.
			if (contains(content, "word/document.xml")) {
				return "docx";
			}
			if (contains(content, "xl/workbook.xml")) {
				return "xlsx";
			}
			if (contains(content, "ppt/presentation.xml")) {
				return "pptx";
			}
			return "zip";
		}
		return null;
	}

	private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
		return content.length >= offset + prefix.length
				&& Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static boolean contains(byte[] content, String text) {
		byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
		outer: for (int i = 0; i <= content.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (content[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
