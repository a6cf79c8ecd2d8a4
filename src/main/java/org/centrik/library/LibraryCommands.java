package org.centrik.library;

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

import org.springframework.stereotype.Service;

/**
 * What a caller may do with products, reviews, the cabinet and creative groups, asked of
 * {@link Access} first; the one path of the HTTP endpoints and the RSocket routes, so
 * that both refuse alike.
 */
@Service
class LibraryCommands {

	private final Products products;

	private final CreativeGroups groups;

	private final Access access;

	LibraryCommands(Products products, CreativeGroups groups, Access access) {
		this.products = products;
		this.groups = groups;
		this.access = access;
	}

	/**
	 * Submits a product; the files have passed their checks already (or there are none:
	 * over RSocket a product is submitted without files).
	 */
	Mono<Product> submit(ProductSubmission given, Mono<List<UploadedFile>> files, Caller caller) {
		return Mono.fromSupplier(given::validated).flatMap((submission) -> {
			NetworkId network = new NetworkId(submission.networkId());
			Set<TeacherId> authors = teachers(submission.authorIds());
			Mono<Void> allowed = (submission.creativeGroupId() != null)
					? this.access.submitGroupProduct(caller, network, authors) : this.access.submitProduct(caller,
							network, new OrganisationId(submission.organisationId()), authors);
			return allowed.then(files).flatMap((checked) -> this.products.submit(submission, checked, caller.user()));
		});
	}

	/** The next version of a product returned for revision. */
	Mono<Product> revise(long id, ProductRevision given, Mono<List<UploadedFile>> files, Caller caller) {
		return Mono.fromSupplier(given::validated)
			.flatMap((revision) -> this.products.product(id)
				.flatMap((product) -> this.access.reviseProduct(caller, new NetworkId(product.networkId()),
						organisation(product), teachers(List.copyOf(Products.ids(product.authors())))))
				.then(files)
				.flatMap((checked) -> this.products.revise(id, revision, checked, caller.user())));
	}

	/** A product as the caller may see it: reviews only to its people. */
	Mono<Product> product(long id, Caller caller) {
		return this.products.product(id).flatMap((product) -> {
			NetworkId network = new NetworkId(product.networkId());
			Set<TeacherId> authors = teachers(List.copyOf(Products.ids(product.authors())));
			Set<UserId> reviewers = new HashSet<>();
			product.reviews()
				.stream()
				.filter((review) -> review.reviewerId() != null)
				.forEach((review) -> reviewers.add(new UserId(review.reviewerId())));
			boolean people = this.access.productPeople(caller, network, organisation(product), authors, reviewers);
			return this.access.product(caller, network, organisation(product), authors, reviewers, product.inCabinet())
				.thenReturn(people ? product : product.withReviews(List.of()));
		});
	}

	Mono<Product> assignReviewers(long id, List<Long> experts, Caller caller) {
		return this.products.product(id)
			.flatMap((product) -> this.access.coordinator(caller, new NetworkId(product.networkId())))
			.then(Mono.defer(() -> this.products.assignReviewers(id, experts)));
	}

	Mono<Product> conclude(long reviewId, Verdict verdict, Caller caller) {
		return this.products.reviewFacts(reviewId)
			.flatMap((facts) -> this.access.conclude(caller,
					(facts.reviewerId() != null) ? new UserId(facts.reviewerId()) : null,
					new NetworkId(facts.networkId())))
			.then(Mono.defer(() -> this.products.conclude(reviewId, verdict)));
	}

	/** The cabinet of the caller's networks. */
	Flux<Product> cabinet(LibraryFilter filter, Caller caller) {
		return this.access.reach(caller)
			.flatMapMany((reach) -> this.products.cabinet(filter, reach.all() ? null : reach.ids()));
	}

	Mono<CreativeGroup> apply(CreativeGroupApplication body, Caller caller) {
		return Mono.fromSupplier(body::validated)
			.flatMap((application) -> this.access.applyForCreativeGroup(caller, new NetworkId(application.networkId()))
				.flatMap((leader) -> this.groups.apply(application, leader, caller.user())));
	}

	Mono<CreativeGroup> decide(long id, String decision, String reason, Caller caller) {
		return this.groups.group(id)
			.flatMap((group) -> this.access.coordinator(caller, new NetworkId(group.networkId())))
			.then(Mono.defer(() -> this.groups.decide(id, decision, reason)));
	}

	Mono<CreativeGroup> group(long id, Caller caller) {
		return this.groups.group(id)
			.flatMap((group) -> this.access.member(caller, new NetworkId(group.networkId())).thenReturn(group));
	}

	Flux<CreativeGroup> groups(Caller caller) {
		return this.access.reach(caller).flatMapMany((reach) -> this.groups.groups(reach.all() ? null : reach.ids()));
	}

	Flux<Products.Expert> experts(long network, Caller caller) {
		return this.access.coordinator(caller, new NetworkId(network)).thenMany(this.products.experts(network));
	}

	Flux<CreativeGroups.Candidate> candidates(long network, Caller caller) {
		return this.access.member(caller, new NetworkId(network)).thenMany(this.groups.candidates(network));
	}

	private static OrganisationId organisation(Product product) {
		return (product.organisationId() != null) ? new OrganisationId(product.organisationId()) : null;
	}

	static Set<TeacherId> teachers(List<Long> teachers) {
		Set<TeacherId> ids = new HashSet<>();
		teachers.forEach((teacher) -> ids.add(new TeacherId(teacher)));
		return ids;
	}

}
