package org.centrik.library;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A network N (coordinated by K) with member schools A (teachers Author and Colleague,
 * admin) and B (teacher Reader), school C outside the network (teacher Outsider), and two
 * experts of N and one of another network.
 */
final class LibraryScene {

	final DatabaseClient database;

	final Fixtures fixtures;

	final TestAccounts users;

	final long network;

	final long schoolA;

	final long schoolB;

	final long outside;

	final long author;

	final long colleague;

	final long readerTeacher;

	final long outsiderTeacher;

	final TestAccounts.Account authorAccount;

	final TestAccounts.Account colleagueAccount;

	final TestAccounts.Account reader;

	final TestAccounts.Account outsider;

	final TestAccounts.Account adminA;

	final TestAccounts.Account adminB;

	final TestAccounts.Account coordinator;

	final TestAccounts.Account expert;

	final TestAccounts.Account secondExpert;

	final TestAccounts.Account foreignExpert;

	LibraryScene(ApplicationContext context) {
		this.database = context.getBean(DatabaseClient.class);
		this.fixtures = new Fixtures(this.database);
		this.users = new TestAccounts(context);
		long centre = this.fixtures.organisation("ИМЦ");
		this.network = this.fixtures.network(centre);
		long otherNetwork = this.fixtures.network(centre);
		this.schoolA = this.fixtures.organisation("Школа А");
		this.schoolB = this.fixtures.organisation("Школа Б");
		this.outside = this.fixtures.organisation("Школа вне сети");
		this.fixtures.member(this.network, this.schoolA);
		this.fixtures.member(this.network, this.schoolB);
		this.fixtures.member(otherNetwork, this.outside);
		this.author = this.fixtures.teacher(this.schoolA, "Иванова");
		this.colleague = this.fixtures.teacher(this.schoolA, "Петрова");
		this.readerTeacher = this.fixtures.teacher(this.schoolB, "Сидорова");
		this.outsiderTeacher = this.fixtures.teacher(this.outside, "Кузнецова");
		this.authorAccount = this.users.teacher(this.author);
		this.colleagueAccount = this.users.teacher(this.colleague);
		this.reader = this.users.teacher(this.readerTeacher);
		this.outsider = this.users.teacher(this.outsiderTeacher);
		this.adminA = this.users.admin(this.schoolA);
		this.adminB = this.users.admin(this.schoolB);
		this.coordinator = this.users.coordinator(this.network);
		this.expert = this.users.expert(this.network);
		this.secondExpert = this.users.expert(this.network);
		this.foreignExpert = this.users.expert(otherNetwork);
	}

	Map<String, Object> product(String title) {
		return Map.of("networkId", this.network, "organisationId", this.schoolA, "title", title, "type",
				"methodical_materials", "authorIds", List.of(this.author, this.colleague), "levels", List.of("general"),
				"subject", "Математика", "description", "Материалы для уроков математики в 7 классе");
	}

	static MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(Map<String, Object> product,
			NamedFile... files) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		builder.part("product", product, MediaType.APPLICATION_JSON);
		for (NamedFile file : files) {
			builder.part("files", new ByteArrayResource(file.content()))
				.headers((headers) -> headers.setContentDispositionFormData("files", file.name()))
				.contentType((file.type() != null) ? MediaType.parseMediaType(file.type())
						: MediaType.APPLICATION_OCTET_STREAM);
		}
		return builder.build();
	}

	WebTestClient.ResponseSpec submit(WebTestClient http, TestAccounts.Account account, Map<String, Object> product,
			NamedFile... files) {
		return http.post()
			.uri("/api/products")
			.headers(account::bearer)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(product, files)))
			.exchange();
	}

	/** A product of Author and Colleague of school A, submitted with one PDF. */
	Product submitted(WebTestClient http, String title) {
		return submit(http, this.authorAccount, product(unique(title)),
				new NamedFile("Материалы.pdf", "application/pdf", FileSafetyTests.PDF))
			.expectStatus()
			.isCreated()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
	}

	WebTestClient.ResponseSpec assign(WebTestClient http, long product, TestAccounts.Account by,
			TestAccounts.Account... experts) {
		return http.put()
			.uri("/api/products/{id}/reviewers", product)
			.headers(by::bearer)
			.bodyValue(Map.of("expertIds", java.util.Arrays.stream(experts).map((e) -> e.id().value()).toList()))
			.exchange();
	}

	WebTestClient.ResponseSpec conclude(WebTestClient http, long review, TestAccounts.Account by, String conclusion,
			String comments) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("conclusion", conclusion);
		body.put("comments", comments);
		body.put("assessment", Map.of("relevance", 5, "novelty", 4, "practicalValue", 5, "quality", 4));
		return http.post().uri("/api/reviews/{id}/conclusion", review).headers(by::bearer).bodyValue(body).exchange();
	}

	/** Submitted, one expert assigned, and returned for revision by them. */
	Product returnedForRevision(WebTestClient http, String title) {
		Product product = submitted(http, title);
		Product inReview = assign(http, product.id(), this.coordinator, this.expert).expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		return conclude(http, inReview.reviews().get(0).id(), this.expert, "return_for_revision",
				"Добавьте критерии оценивания")
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
	}

	long count(String title) {
		return this.database.sql("select count(*) as n from products where title = :title")
			.bind("title", title)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	long fileCount() {
		return this.database.sql("select count(*) as n from product_files")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	static String unique(String title) {
		return title + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	static void bearer(HttpHeaders headers, TestAccounts.Account account) {
		account.bearer(headers);
	}

	record NamedFile(String name, String type, byte[] content) {
	}

}
