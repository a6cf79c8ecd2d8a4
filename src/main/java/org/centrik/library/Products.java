package org.centrik.library;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.security.UserId;
import org.centrik.shared.ConflictException;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.SqlFilter;
import org.centrik.shared.TeacherId;
import org.centrik.shared.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Methodical products, their expert review and the virtual methodical cabinet. A product
 * is submitted with its files in one transaction; the network's coordinator assigns
 * experts, each due within ten calendar days; when every expert of the round has
 * concluded, the product is approved (in the cabinet, its authors credited), recommended
 * (every expert recommends it), returned for revision, or rejected.
 */
@Service
public class Products {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String SELECT = """
			select p.id, p.network_id, p.title, p.type, p.levels, p.subject, p.description, p.link,
			       p.organisation_id, o.name as organisation_name, p.state, p.submitted_at, p.version,
			       coalesce(p.version_submitted_at, p.submitted_at) as version_submitted_at, p.submitted_by,
			       p.creative_group_id, g.name as creative_group_name,
			       array(select a.teacher_id from product_authors a join teachers t on t.id = a.teacher_id
			             where a.product_id = p.id order by t.last_name, t.id) as author_ids,
			       array(select concat_ws(' ', t.last_name, t.first_name, t.middle_name) from product_authors a
			             join teachers t on t.id = a.teacher_id where a.product_id = p.id
			             order by t.last_name, t.id) as author_names,
			       array(select f.id from product_files f where f.product_id = p.id and f.version = p.version order by f.id) as file_ids,
			       array(select f.file_name from product_files f where f.product_id = p.id and f.version = p.version order by f.id) as file_names,
			       array(select f.content_type from product_files f where f.product_id = p.id and f.version = p.version order by f.id)
			           as file_types,
			       array(select f.size_bytes from product_files f where f.product_id = p.id and f.version = p.version order by f.id) as file_sizes,
			       array(select f.sha256 from product_files f where f.product_id = p.id and f.version = p.version order by f.id) as file_hashes
			from products p left join organisations o on o.id = p.organisation_id
			     left join creative_groups g on g.id = p.creative_group_id
			""";

	/** Everyone who waits on a product: its people, who see it on their library desk. */
	private static final String PEOPLE = """
			select u.id as user_id from users u join product_authors a on a.teacher_id = u.teacher_id
			where a.product_id = :id
			union select submitted_by from products where id = :id and submitted_by is not null
			union select reviewer_id from reviews where product_id = :id and reviewer_id is not null
			union select ur.user_id from user_roles ur join products p on p.id = :id
			where (ur.role = 'coordinator' and (ur.network_id is null or ur.network_id = p.network_id))
			   or (ur.role = 'organisation_admin' and ur.organisation_id = p.organisation_id)
			""";

	private final DatabaseClient database;

	private final Clock clock;

	private final ChangeLog changes;

	Products(DatabaseClient database, ObjectProvider<Clock> clock, ChangeLog changes) {
		this.database = database;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.changes = changes;
	}

	/**
	 * Stores a product, its authors and its files, all or nothing. The authors are
	 * teachers of the submitting organisation, or members of the submitting creative
	 * group, which must have been created in the product's network.
	 */
	@Transactional
	public Mono<Product> submit(ProductSubmission submission, List<UploadedFile> files, UserId by) {
		Long[] authors = submission.authorIds().stream().distinct().toArray(Long[]::new);
		Mono<Long> found = (submission.creativeGroupId() != null) ? this.database.sql("""
				select count(*) as n from creative_group_members m join creative_groups g on g.id = m.group_id
				where g.id = :group and g.state = 'created' and g.network_id = :network and m.teacher_id = any(:authors)
				""")
			.bind("group", submission.creativeGroupId())
			.bind("network", submission.networkId())
			.bind("authors", authors)
			.map((row) -> row.get("n", Long.class))
			.one()
				: this.database.sql(
						"select count(*) as n from teachers where id = any(:authors) and organisation_id = :organisation")
					.bind("authors", authors)
					.bind("organisation", submission.organisationId())
					.map((row) -> row.get("n", Long.class))
					.one();
		return found
			.flatMap((n) -> (n == authors.length) ? insert(submission, by)
					: Mono.error(new IllegalArgumentException((submission.creativeGroupId() != null)
							? "The authors must be members of creative group " + submission.creativeGroupId()
									+ ", created in network " + submission.networkId() + "."
							: "The authors must be teachers of organisation " + submission.organisationId() + ".")))
			.flatMap((id) -> Flux.fromArray(authors)
				.concatMap((author) -> this.database
					.sql("insert into product_authors (product_id, teacher_id) values (:product, :teacher)")
					.bind("product", id)
					.bind("teacher", author)
					.then())
				.then(storeFiles(id, 1, files))
				.then(announce(id, "product.submitted")));
	}

	private Mono<Void> storeFiles(long product, int version, List<UploadedFile> files) {
		return Flux.fromIterable(files)
			.concatMap((file) -> this.database
				.sql("""
						insert into product_files (product_id, version, file_name, content_type, size_bytes, sha256, content)
						values (:product, :version, :name, :type, :size, :sha, :content)
						""")
				.bind("product", product)
				.bind("version", version)
				.bind("name", file.fileName())
				.bind("type", file.contentType())
				.bind("size", (long) file.content().length)
				.bind("sha", sha256(file.content()))
				.bind("content", file.content())
				.then())
			.then();
	}

	/**
	 * A product returned for revision comes back as its next version: the earlier version
	 * is kept (metadata and files), the new one replaces the metadata, carries new files
	 * (or, with none uploaded, the previous version's), and the experts of the last round
	 * review it again, due ten days from now.
	 */
	@Transactional
	public Mono<Product> revise(long productId, ProductRevision revision, List<UploadedFile> files, UserId by) {
		Instant now = this.clock.instant();
		return lockedState(productId).flatMap((state) -> {
			if (!"revision".equals(state.state())) {
				return Mono.error(new ConflictException("illegal_transition", "Product " + productId + " is "
						+ state.state() + ": only a product returned for revision gets a new version."));
			}
			int previous = state.version();
			int next = previous + 1;
			return this.database.sql("""
					insert into product_versions (product_id, version, title, type, levels, subject, description, link,
					    submitted_by, submitted_at)
					select id, version, title, type, levels, subject, description, link, submitted_by,
					       coalesce(version_submitted_at, submitted_at)
					from products where id = :id
					""")
				.bind("id", productId)
				.then()
				.then(this.database
					.sql("""
							update products set title = :title, type = :type, levels = :levels, subject = :subject,
							    description = :description, link = :link, version = :version, version_submitted_at = :now,
							    submitted_by = :by, review_round_at = :now,
							    state = case when exists (select 1 from reviews r where r.product_id = :id
							        and r.version = :previous and r.reviewer_id is not null) then 'in_review' else 'submitted' end
							where id = :id
							""")
					.bind("title", revision.title().trim())
					.bind("type", revision.type())
					.bind("levels", revision.levels().toArray(String[]::new))
					.bind("subject", Parameter.fromOrEmpty(blankToNull(revision.subject()), String.class))
					.bind("description", (revision.description() != null) ? revision.description() : "")
					.bind("link", Parameter.fromOrEmpty(blankToNull(revision.link()), String.class))
					.bind("version", next)
					.bind("previous", previous)
					.bind("now", utc(now))
					.bind("by", by.value())
					.bind("id", productId)
					.then())
				.then(files.isEmpty() ? this.database.sql("""
						insert into product_files (product_id, version, file_name, content_type, size_bytes, sha256,
						    content, uploaded_at)
						select product_id, :next, file_name, content_type, size_bytes, sha256, content, uploaded_at
						from product_files where product_id = :id and version = :previous order by id
						""").bind("next", next).bind("previous", previous).bind("id", productId).then()
						: storeFiles(productId, next, files))
				.then(this.database.sql("""
						insert into reviews (product_id, reviewer_id, expert_id, assigned_at, version)
						select distinct on (r.reviewer_id) :id, r.reviewer_id, r.expert_id, :now, :next
						from reviews r where r.product_id = :id and r.version = :previous and r.reviewer_id is not null
						""")
					.bind("id", productId)
					.bind("now", utc(now))
					.bind("next", next)
					.bind("previous", previous)
					.then());
		}).then(announce(productId, "product.revised"));
	}

	private Mono<Long> insert(ProductSubmission submission, UserId by) {
		return this.database
			.sql("""
					insert into products (network_id, title, type, levels, subject, description, link, organisation_id,
					    creative_group_id, submitted_by, submitted_at)
					values (:network, :title, :type, :levels, :subject, :description, :link, :organisation, :group, :by, :now)
					returning id
					""")
			.bind("network", submission.networkId())
			.bind("title", submission.title().trim())
			.bind("type", submission.type())
			.bind("levels", submission.levels().toArray(String[]::new))
			.bind("subject", Parameter.fromOrEmpty(blankToNull(submission.subject()), String.class))
			.bind("description", (submission.description() != null) ? submission.description() : "")
			.bind("link", Parameter.fromOrEmpty(blankToNull(submission.link()), String.class))
			.bind("organisation", Parameter.fromOrEmpty(submission.organisationId(), Long.class))
			.bind("group", Parameter.fromOrEmpty(submission.creativeGroupId(), Long.class))
			.bind("by", by.value())
			.bind("now", OffsetDateTime.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC))
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	/** A product with its authors, files and every review (with deadlines). */
	public Mono<Product> product(long id) {
		return this.database.sql(SELECT + " where p.id = :id")
			.bind("id", id)
			.map((row) -> product(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("product", id)))
			.flatMap((product) -> reviews(id).collectList().map(product::withReviews))
			.flatMap((product) -> versions(id).collectList().map(product::withVersions));
	}

	/** The earlier versions of a product, oldest first, each with its files. */
	private Flux<Product.Version> versions(long id) {
		return this.database
			.sql("""
					select v.version, v.title, v.description, v.submitted_at,
					       array(select f.id from product_files f where f.product_id = v.product_id and f.version = v.version
					             order by f.id) as file_ids,
					       array(select f.file_name from product_files f where f.product_id = v.product_id
					             and f.version = v.version order by f.id) as file_names,
					       array(select f.content_type from product_files f where f.product_id = v.product_id
					             and f.version = v.version order by f.id) as file_types,
					       array(select f.size_bytes from product_files f where f.product_id = v.product_id
					             and f.version = v.version order by f.id) as file_sizes,
					       array(select f.sha256 from product_files f where f.product_id = v.product_id
					             and f.version = v.version order by f.id) as file_hashes
					from product_versions v where v.product_id = :id order by v.version
					""")
			.bind("id", id)
			.map((row) -> new Product.Version(row.get("version", Integer.class), row.get("title", String.class),
					row.get("description", String.class), row.get("submitted_at", OffsetDateTime.class).toInstant(),
					files(row)))
			.all();
	}

	/**
	 * Appends the product as it is now to the library desk of everyone who waits on it.
	 * @param type what happened, e.g. {@code review.concluded}
	 */
	private Mono<Product> announce(long id, String type) {
		return product(id).flatMap((product) -> this.database.sql(PEOPLE)
			.bind("id", id)
			.map((row) -> row.get("user_id", Long.class))
			.all()
			.concatMap((user) -> this.changes.append(Topic.library(user), type, product))
			.then(Mono.just(product)));
	}

	/**
	 * The virtual methodical cabinet: approved products, recommended ones marked; ranked
	 * best first for a Russian full-text query (a title match above a description one),
	 * newest first otherwise.
	 * @param networks the networks the caller reaches, or {@code null} for all
	 */
	public Flux<Product> cabinet(LibraryFilter filter, Long[] networks) {
		SqlFilter where = new SqlFilter("p.state in ('approved', 'recommended')")
			.and("p.network_id = any(:networks)", "networks", networks)
			.matching("p.search", filter.query())
			.and("p.network_id = :network", "network", filter.network())
			.and("p.type = :type", "type", filter.type())
			.and(":level = any(p.levels)", "level", filter.level())
			.and("lower(p.subject) = lower(:subject)", "subject", filter.subject())
			.and("p.organisation_id = :organisation", "organisation", filter.organisation());
		return this.database.sql(SELECT + where.whereOrderedBy("p.search", "p.submitted_at desc, p.id"))
			.bindValues(where.values())
			.map((row) -> product(row))
			.all();
	}

	/** The experts of a network, by name: whom the coordinator may assign. */
	Flux<Expert> experts(long network) {
		return this.database.sql("""
				select u.id, u.display_name from users u join user_roles r on r.user_id = u.id
				where r.role = 'expert' and r.network_id = :network order by u.display_name, u.id
				""")
			.bind("network", network)
			.map((row) -> new Expert(row.get("id", Long.class), row.get("display_name", String.class)))
			.all();
	}

	/** An expert of a network, by user account. */
	record Expert(long userId, String name) {
	}

	/** A file's bytes, as stored. */
	Mono<StoredFile> file(long product, long file) {
		return this.database.sql(
				"select file_name, content_type, content from product_files where id = :file and product_id = :product")
			.bind("file", file)
			.bind("product", product)
			.map((row) -> new StoredFile(row.get("file_name", String.class), row.get("content_type", String.class),
					bytes(row.get("content"))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("file", file)));
	}

	/**
	 * Sets who reviews the product in its current round: each named user must be an
	 * expert of its network; newly named experts are due ten days from now, those already
	 * reviewing keep their deadline, open reviews of experts no longer named are
	 * withdrawn. A product submitted or returned for revision starts a new round.
	 */
	@Transactional
	public Mono<Product> assignReviewers(long productId, List<Long> experts) {
		if (experts == null || experts.isEmpty()) {
			return Mono.error(new IllegalArgumentException("Name at least one expert (expertIds)."));
		}
		Long[] ids = experts.stream().distinct().toArray(Long[]::new);
		Instant now = this.clock.instant();
		return lockedState(productId).flatMap((state) -> {
			if (!Set.of("submitted", "in_review", "revision").contains(state.state())) {
				return Mono.error(new ConflictException("illegal_transition",
						"Product " + productId + " is " + state.state() + ": its review is over."));
			}
			return this.database.sql("""
					select count(distinct user_id) as n from user_roles
					where role = 'expert' and network_id = :network and user_id = any(:experts)
					""")
				.bind("network", state.network())
				.bind("experts", ids)
				.map((row) -> row.get("n", Long.class))
				.one()
				.flatMap((found) -> {
					if (found != ids.length) {
						return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "not_an_expert", "Not an expert",
								"Every reviewer must be an expert of network " + state.network() + "."));
					}
					boolean newRound = !"in_review".equals(state.state());
					return this.database.sql("""
							update products set state = 'in_review',
							    review_round_at = case when :newRound then :now else review_round_at end
							where id = :id
							""")
						.bind("newRound", newRound)
						.bind("now", utc(now))
						.bind("id", productId)
						.then()
						.then(this.database
							.sql("delete from reviews where product_id = :id and conclusion is null "
									+ "and not (reviewer_id = any(:experts))")
							.bind("id", productId)
							.bind("experts", ids)
							.then())
						.then(this.database
							.sql("""
									insert into reviews (product_id, reviewer_id, expert_id, assigned_at, version)
									select :id, u.id, u.teacher_id, :now, p.version from users u join products p on p.id = :id
									where u.id = any(:experts)
									on conflict (product_id, reviewer_id) where conclusion is null do nothing
									""")
							.bind("id", productId)
							.bind("experts", ids)
							.bind("now", utc(now))
							.then());
				});
		}).then(announce(productId, "review.assigned"));
	}

	/** The facts a conclusion needs: the review's expert and the product's network. */
	Mono<ReviewFacts> reviewFacts(long reviewId) {
		return this.database.sql("""
				select r.product_id, r.reviewer_id, p.network_id from reviews r join products p on p.id = r.product_id
				where r.id = :id
				""")
			.bind("id", reviewId)
			.map((row) -> new ReviewFacts(row.get("product_id", Long.class), row.get("reviewer_id", Long.class),
					row.get("network_id", Long.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("review", reviewId)));
	}

	/**
	 * Records an expert's conclusion; the last one of the round decides the product. A
	 * review concludes once.
	 */
	@Transactional
	public Mono<Product> conclude(long reviewId, Verdict verdict) {
		Conclusion conclusion = verdict.validated();
		return reviewFacts(reviewId).flatMap((facts) -> lockedState(facts.productId()).flatMap((state) -> this.database
			.sql("""
					update reviews set conclusion = :conclusion, comments = :comments, assessment = :assessment,
					    decided_at = :now
					where id = :id and conclusion is null
					""")
			.bind("conclusion", conclusion.stored)
			.bind("comments", Parameter.fromOrEmpty(blankToNull(verdict.comments()), String.class))
			.bind("assessment", Json.of(json.writeValueAsString(verdict.scores())))
			.bind("now", utc(this.clock.instant()))
			.bind("id", reviewId)
			.fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated == 0) ? Mono.<Boolean>error(
					new ConflictException("already_concluded", "Review " + reviewId + " already has its conclusion."))
					: decide(facts.productId()))
			.flatMap((decided) -> announce(facts.productId(), decided ? "product.decided" : "review.concluded"))));
	}

	/** Decides the product when its round is complete; whether it did. */
	private Mono<Boolean> decide(long productId) {
		return this.database.sql("""
				select r.conclusion from reviews r join products p on p.id = r.product_id
				where r.product_id = :id and r.reviewer_id is not null
				  and (p.review_round_at is null or r.assigned_at >= p.review_round_at)
				""")
			.bind("id", productId)
			.map((row) -> java.util.Optional.ofNullable(row.get("conclusion", String.class)))
			.all()
			.collectList()
			.flatMap((conclusions) -> {
				if (conclusions.stream().anyMatch(java.util.Optional::isEmpty)) {
					return Mono.just(false);
				}
				List<Conclusion> round = conclusions.stream().map((c) -> Conclusion.stored(c.get())).toList();
				String state = round.contains(Conclusion.REJECT) ? "rejected"
						: round.contains(Conclusion.RETURN_FOR_REVISION) ? "revision"
								: round.stream().allMatch((c) -> c == Conclusion.APPROVE_AND_RECOMMEND) ? "recommended"
										: "approved";
				Mono<Void> credited = ("approved".equals(state) || "recommended".equals(state))
						? creditAuthors(productId) : Mono.empty();
				return this.database.sql("update products set state = :state where id = :id")
					.bind("state", state)
					.bind("id", productId)
					.then()
					.then(credited)
					.thenReturn(true);
			});
	}

	private Mono<ProductState> lockedState(long productId) {
		return this.database.sql("select network_id, state, version from products where id = :id for update")
			.bind("id", productId)
			.map((row) -> new ProductState(row.get("network_id", Long.class), row.get("state", String.class),
					row.get("version", Integer.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("product", productId)));
	}

	private Flux<Review> reviews(long productId) {
		return this.database.sql("""
				select r.id, r.product_id, r.version, r.reviewer_id, coalesce(u.display_name,
				           concat_ws(' ', t.last_name, t.first_name, t.middle_name)) as expert_name,
				       r.assigned_at, r.conclusion, r.comments, r.assessment, r.decided_at
				from reviews r left join users u on u.id = r.reviewer_id left join teachers t on t.id = r.expert_id
				where r.product_id = :id order by r.assigned_at, r.id
				""").bind("id", productId).map((row) -> {
			Instant assigned = row.get("assigned_at", OffsetDateTime.class).toInstant();
			OffsetDateTime decided = row.get("decided_at", OffsetDateTime.class);
			Instant decidedAt = (decided != null) ? decided.toInstant() : null;
			String stored = row.get("conclusion", String.class);
			Json assessment = row.get("assessment", Json.class);
			return new Review(row.get("id", Long.class), row.get("product_id", Long.class),
					row.get("version", Integer.class), row.get("reviewer_id", Long.class),
					row.get("expert_name", String.class), assigned, Review.dueAt(assigned),
					Review.overdue(assigned, decidedAt, this.clock),
					(stored != null) ? Conclusion.stored(stored).code : null, row.get("comments", String.class),
					(assessment != null)
							? json.readValue(assessment.asString(), new TypeReference<Map<String, Object>>() {
							}) : null,
					decidedAt);
		}).all();
	}

	private static Product product(Readable row) {
		Long[] authorIds = row.get("author_ids", Long[].class);
		String[] authorNames = row.get("author_names", String[].class);
		List<Product.Author> authors = new ArrayList<>();
		for (int i = 0; i < authorIds.length; i++) {
			authors.add(new Product.Author(authorIds[i], authorNames[i]));
		}
		String state = row.get("state", String.class);
		String[] levels = row.get("levels", String[].class);
		return new Product(row.get("id", Long.class), row.get("network_id", Long.class), row.get("title", String.class),
				row.get("type", String.class), (levels != null) ? Arrays.asList(levels) : List.of(),
				row.get("subject", String.class), row.get("description", String.class), row.get("link", String.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				row.get("creative_group_id", Long.class), row.get("creative_group_name", String.class), state,
				"recommended".equals(state), row.get("submitted_at", OffsetDateTime.class).toInstant(),
				row.get("submitted_by", Long.class), row.get("version", Integer.class),
				row.get("version_submitted_at", OffsetDateTime.class).toInstant(), authors, files(row), List.of(),
				List.of());
	}

	private static List<Product.ProductFile> files(Readable row) {
		Long[] fileIds = row.get("file_ids", Long[].class);
		String[] names = row.get("file_names", String[].class);
		String[] types = row.get("file_types", String[].class);
		Long[] sizes = row.get("file_sizes", Long[].class);
		String[] hashes = row.get("file_hashes", String[].class);
		List<Product.ProductFile> files = new ArrayList<>();
		for (int i = 0; i < fileIds.length; i++) {
			files.add(new Product.ProductFile(fileIds[i], names[i], types[i], sizes[i], hashes[i]));
		}
		return files;
	}

	/**
	 * The approved and recommended products a teacher is an author of, newest decision
	 * first: their contributions, shown on their activity card.
	 */
	public Flux<Contribution> contributionsOf(TeacherId teacher) {
		return this.database
			.sql(CONTRIBUTIONS + " where a.teacher_id = :teacher order by approved_at desc nulls last, p.id")
			.bind("teacher", teacher.value())
			.map((row) -> contribution(row))
			.all();
	}

	private static final String CONTRIBUTIONS = """
			select a.teacher_id, p.id, p.network_id, p.title, p.type, p.state, p.version,
			       (select max(r.decided_at) from reviews r where r.product_id = p.id and r.version = p.version)
			           as approved_at
			from products p join product_authors a on a.product_id = p.id and p.state in ('approved', 'recommended')
			""";

	private static Contribution contribution(Readable row) {
		OffsetDateTime approved = row.get("approved_at", OffsetDateTime.class);
		return new Contribution(row.get("teacher_id", Long.class), row.get("id", Long.class),
				row.get("network_id", Long.class), row.get("title", String.class), row.get("type", String.class),
				"recommended".equals(row.get("state", String.class)), row.get("version", Integer.class),
				(approved != null) ? approved.toInstant() : null);
	}

	/** Puts the approved product on each author's activity card, live. */
	private Mono<Void> creditAuthors(long productId) {
		return this.database.sql(CONTRIBUTIONS + " where p.id = :id")
			.bind("id", productId)
			.map((row) -> contribution(row))
			.all()
			.concatMap((contribution) -> this.changes.append(Topic.card(contribution.teacherId()), "contribution.added",
					contribution))
			.then();
	}

	/**
	 * Announces, once, every open review whose ten days have passed: its product goes to
	 * the desks of its people as {@code review.overdue}. Nodes share the work (rows
	 * locked, skipped by the others).
	 * @return how many reviews became overdue
	 */
	@Transactional
	public Mono<Long> announceOverdue() {
		Instant now = this.clock.instant();
		return this.database.sql("""
				update reviews set overdue_announced_at = :now
				where id in (select id from reviews where conclusion is null and overdue_announced_at is null
				             and assigned_at < :cutoff for update skip locked)
				returning product_id
				""")
			.bind("now", utc(now))
			.bind("cutoff", utc(now.minus(Review.REVIEW_TERM)))
			.map((row) -> row.get("product_id", Long.class))
			.all()
			.collectList()
			.flatMap((products) -> Flux.fromIterable(new java.util.TreeSet<>(products))
				.concatMap((product) -> announce(product, "review.overdue"))
				.then(Mono.just((long) products.size())));
	}

	/**
	 * The products a user waits on, newest first: those they wrote or submitted, review,
	 * administer or coordinate.
	 */
	Flux<Product> desk(UserId user) {
		return this.database.sql("""
				select p.id from products p where p.submitted_by = :user
				   or exists (select 1 from product_authors a join users u on u.teacher_id = a.teacher_id
				              where a.product_id = p.id and u.id = :user)
				   or exists (select 1 from reviews r where r.product_id = p.id and r.reviewer_id = :user)
				   or exists (select 1 from user_roles ur where ur.user_id = :user
				              and ((ur.role = 'coordinator' and (ur.network_id is null or ur.network_id = p.network_id))
				                or (ur.role = 'organisation_admin' and ur.organisation_id = p.organisation_id)))
				order by coalesce(p.version_submitted_at, p.submitted_at) desc, p.id desc limit 200
				""").bind("user", user.value()).map((row) -> row.get("id", Long.class)).all().concatMap(this::product);
	}

	private static byte[] bytes(Object value) {
		if (value instanceof byte[] array) {
			return array;
		}
		if (value instanceof java.nio.ByteBuffer buffer) {
			byte[] array = new byte[buffer.remaining()];
			buffer.get(array);
			return array;
		}
		throw new IllegalStateException("Unexpected bytea value " + value);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	static Set<Long> ids(List<Product.Author> authors) {
		return authors.stream().map(Product.Author::teacherId).collect(Collectors.toSet());
	}

	record ReviewFacts(long productId, Long reviewerId, long networkId) {
	}

	private record ProductState(long network, String state, int version) {
	}

}
