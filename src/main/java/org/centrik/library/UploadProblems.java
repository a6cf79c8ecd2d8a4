package org.centrik.library;

import org.centrik.shared.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.PayloadTooLargeException;

/**
 * A submission whose file is too large to even spool to disk is refused by the multipart
 * reader before the product's own checks; it gets the same {@code file_too_large}.
 */
@RestControllerAdvice(assignableTypes = ProductController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {

	@ExceptionHandler({ PayloadTooLargeException.class, DataBufferLimitException.class })
	ProblemDetail tooLarge(Exception ex) {
		return Problems
			.problem(HttpStatus.CONTENT_TOO_LARGE, "file_too_large", "File too large",
					"A file is larger than " + (FileSafety.MAX_BYTES / (1024 * 1024))
							+ " MB, or a submission has more than 20 files.")
			.getBody();
	}

}
