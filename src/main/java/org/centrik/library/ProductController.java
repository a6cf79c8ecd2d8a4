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

	private final Access access;

	ProductController(Products products, Access access) {
		this.products = products;
		this.access = access;
	}

	@PostMapping(path = "/api/products", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Product>> submit(@RequestBody Mono<MultiValueMap<String, Part>> body,
			@AuthenticationPrincipal Caller caller) {
		return body
			.flatMap((parts) -> submission(parts.getFirst("product")).flatMap((submission) -> this.access
				.submitProduct(caller, new NetworkId(submission.networkId()),
						new OrganisationId(submission.organisationId()), ids(submission.authorIds()))
				.then(Flux.fromIterable(parts.getOrDefault("files", List.of()))
					.concatMap(ProductController::file)
					.collectList())
				.flatMap((files) -> this.products.submit(submission, files, caller.user()))))
			.map((product) -> ResponseEntity.created(URI.create("/api/products/" + product.id())).body(product));
	}

	@GetMapping("/api/products/{id}")
	Mono<Product> product(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return visible(id, caller);
	}

	/**
	 * A product's file, never rendered by the browser: an attachment, its sniffed type,
	 * {@code nosniff}, and a sandbox for any browser that opens it anyway.
	 */
	@GetMapping("/api/products/{id}/files/{fileId}")
	Mono<ResponseEntity<byte[]>> file(@PathVariable long id, @PathVariable long fileId,
			@AuthenticationPrincipal Caller caller) {
		return visible(id, caller).then(this.products.file(id, fileId))
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
		return this.products.product(id)
			.flatMap((product) -> this.access.coordinator(caller, new NetworkId(product.networkId())))
			.then(Mono.defer(() -> this.products.assignReviewers(id, body.expertIds())));
	}

	@PostMapping("/api/reviews/{id}/conclusion")
	Mono<Product> conclude(@PathVariable long id, @RequestBody Verdict verdict,
			@AuthenticationPrincipal Caller caller) {
		return this.products.reviewFacts(id)
			.flatMap((facts) -> this.access.conclude(caller,
					(facts.reviewerId() != null) ? new UserId(facts.reviewerId()) : null,
					new NetworkId(facts.networkId())))
			.then(Mono.defer(() -> this.products.conclude(id, verdict)));
	}

	/** The virtual methodical cabinet of the caller's networks. */
	@GetMapping("/api/library")
	Flux<Product> library(@RequestParam(name = "q", required = false) String query,
			@RequestParam(required = false) Long network, @RequestParam(required = false) String type,
			@RequestParam(required = false) String level, @RequestParam(required = false) String subject,
			@RequestParam(required = false) Long organisation, @AuthenticationPrincipal Caller caller) {
		LibraryFilter filter = new LibraryFilter(query, network, type, level, subject, organisation);
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.products.cabinet(filter, reach.all() ? null : reach.ids()));
	}

	private Mono<Product> visible(long id, Caller caller) {
		return this.products.product(id).flatMap((product) -> {
			NetworkId network = new NetworkId(product.networkId());
			OrganisationId organisation = (product.organisationId() != null)
					? new OrganisationId(product.organisationId()) : null;
			Set<TeacherId> authors = ids(List.copyOf(Products.ids(product.authors())));
			Set<UserId> reviewers = new HashSet<>();
			product.reviews()
				.stream()
				.filter((review) -> review.reviewerId() != null)
				.forEach((review) -> reviewers.add(new UserId(review.reviewerId())));
			boolean people = this.access.productPeople(caller, network, organisation, authors, reviewers);
			return this.access.product(caller, network, organisation, authors, reviewers, product.inCabinet())
				.thenReturn(people ? product : product.withReviews(List.of()));
		});
	}

	private static Mono<ProductSubmission> submission(Part part) {
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
				return json.readValue(value, ProductSubmission.class).validated();
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

	private static Set<TeacherId> ids(List<Long> teachers) {
		Set<TeacherId> ids = new HashSet<>();
		teachers.forEach((teacher) -> ids.add(new TeacherId(teacher)));
		return ids;
	}

	/** The experts to review a product in its current round. */
	record Reviewers(List<Long> expertIds) {
	}

}
