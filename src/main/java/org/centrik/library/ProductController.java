package org.centrik.library;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.security.UserId;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products over HTTP: submitting one with its files (multipart: a {@code product} JSON
 * part and {@code files} parts), reading it, downloading its files (always as
 * attachments), assigning its experts, concluding a review, and the cabinet.
 */
@RestController
class ProductController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Products products;

	private final LibraryCommands commands;

	ProductController(Products products, LibraryCommands commands) {
		this.products = products;
		this.commands = commands;
	}

	@PostMapping(path = "/api/products", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Product>> submit(@RequestBody Mono<MultiValueMap<String, Part>> body,
			@AuthenticationPrincipal Caller caller) {
		return body
			.flatMap((parts) -> json(parts.getFirst("product"), ProductSubmission.class)
				.flatMap((submission) -> this.commands.submit(submission, files(parts), caller)))
			.map((product) -> ResponseEntity.created(URI.create("/api/products/" + product.id())).body(product));
	}

	/**
	 * The next version of a product returned for revision: a {@code product} JSON part
	 * (its revised metadata) and any {@code files} (none: the previous version's stay).
	 */
	@PostMapping(path = "/api/products/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<Product> revise(@PathVariable long id, @RequestBody Mono<MultiValueMap<String, Part>> body,
			@AuthenticationPrincipal Caller caller) {
		return body.flatMap((parts) -> json(parts.getFirst("product"), ProductRevision.class)
			.flatMap((revision) -> this.commands.revise(id, revision, files(parts), caller)));
	}

	@GetMapping("/api/products/{id}")
	Mono<Product> product(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.commands.product(id, caller);
	}

	/**
	 * A product's file, never rendered by the browser: an attachment, its sniffed type,
	 * {@code nosniff}, and a sandbox for any browser that opens it anyway.
	 */
	@GetMapping("/api/products/{id}/files/{fileId}")
	Mono<ResponseEntity<byte[]>> file(@PathVariable long id, @PathVariable long fileId,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.product(id, caller)
			.then(this.products.file(id, fileId))
			.map((file) -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(file.fileName(), StandardCharsets.UTF_8)
							.build()
							.toString())
				.header("X-Content-Type-Options", "nosniff")
				.header("Content-Security-Policy", "sandbox")
				.contentType(MediaType.parseMediaType(file.contentType()))
				.body(file.content()));
	}

	@PutMapping("/api/products/{id}/reviewers")
	Mono<Product> reviewers(@PathVariable long id, @RequestBody Reviewers body,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.assignReviewers(id, body.expertIds(), caller);
	}

	@PostMapping("/api/reviews/{id}/conclusion")
	Mono<Product> conclude(@PathVariable long id, @RequestBody Verdict verdict,
			@AuthenticationPrincipal Caller caller) {
		return this.commands.conclude(id, verdict, caller);
	}

	/** The virtual methodical cabinet of the caller's networks. */
	@GetMapping("/api/library")
	Flux<Product> library(@RequestParam(name = "q", required = false) String query,
			@RequestParam(required = false) Long network, @RequestParam(required = false) String type,
			@RequestParam(required = false) String level, @RequestParam(required = false) String subject,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		return this.commands.cabinet(new LibraryFilter(query, network, type, level, subject, organisation), caller);
	}

	/** The experts of a network, for its coordinator to assign. */
	@GetMapping("/api/library/experts")
	Flux<Products.Expert> experts(@RequestParam long network, @AuthenticationPrincipal Caller caller) {
		return this.commands.experts(network, caller);
	}

	private static Mono<List<UploadedFile>> files(MultiValueMap<String, Part> parts) {
		return Flux.fromIterable(parts.getOrDefault("files", List.of()))
			.concatMap(ProductController::file)
			.collectList();
	}

	private static <T> Mono<T> json(Part part, Class<T> type) {
		if (part == null) {
			return Mono.error(new IllegalArgumentException("The request needs a 'product' part (JSON)."));
		}
		Mono<String> text = (part instanceof FormFieldPart field) ? Mono.just(field.value())
				: DataBufferUtils.join(part.content(), 64 * 1024).map((buffer) -> {
					String value = buffer.toString(StandardCharsets.UTF_8);
					DataBufferUtils.release(buffer);
					return value;
				});
		return text.map((value) -> {
			try {
				return json.readValue(value, type);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("The 'product' part is not a product's JSON.");
			}
		});
	}

	/** Reads one file part whole, at most the limit, and lets it pass only if safe. */
	private static Mono<UploadedFile> file(Part part) {
		if (!(part instanceof FilePart filePart)) {
			return Mono.error(new IllegalArgumentException("Each 'files' part must be a file."));
		}
		String name = FileSafety.fileName(filePart.filename());
		MediaType declared = filePart.headers().getContentType();
		return DataBufferUtils.join(filePart.content(), FileSafety.MAX_BYTES)
			.onErrorMap(DataBufferLimitException.class, (ex) -> FileSafety.tooLarge(name))
			.map((buffer) -> {
				byte[] content = new byte[buffer.readableByteCount()];
				buffer.read(content);
				DataBufferUtils.release(buffer);
				return content;
			})
			.defaultIfEmpty(new byte[0])
			.map((content) -> new UploadedFile(name,
					FileSafety.contentType(name, (declared != null) ? declared.toString() : null, content), content));
	}

	/** The experts to review a product in its current round. */
	record Reviewers(List<Long> expertIds) {
	}

}
