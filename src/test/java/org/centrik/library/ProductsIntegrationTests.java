package org.centrik.library;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.centrik.library.LibraryScene.NamedFile;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submitting a product with its files: who may, and what a file may be. A refused file or
 * a refused caller stores nothing.
 */
@IntegrationTest
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductsIntegrationTests {

	static final String PDF_TYPE = "application/pdf";

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	LibraryScene scene;

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
	}

	@Test
	void authorSubmitsWithFilesAndTheyComeBackAsAttachmentsNeverInline() throws Exception {
		String title = LibraryScene.unique("Рабочая программа");
		byte[] docx = FileSafetyTests.zip("word/document.xml");
		Product product = this.scene
			.submit(this.http, this.scene.authorAccount, this.scene.product(title),
					new NamedFile("Рабочая программа (7 класс).pdf", PDF_TYPE, FileSafetyTests.PDF),
					new NamedFile("Приложение.docx", null, docx))
			.expectStatus()
			.isCreated()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(product.state()).isEqualTo("submitted");
		assertThat(product.authors()).extracting(Product.Author::teacherId)
			.containsExactlyInAnyOrder(this.scene.author, this.scene.colleague);
		assertThat(product.files()).extracting(Product.ProductFile::fileName)
			.containsExactly("Рабочая программа (7 класс).pdf", "Приложение.docx");
		assertThat(product.files()).extracting(Product.ProductFile::contentType)
			.containsExactly(PDF_TYPE, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

		EntityExchangeResult<byte[]> download = this.http.get()
			.uri("/api/products/{id}/files/{file}", product.id(), product.files().get(0).id())
			.headers(this.scene.adminA::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(PDF_TYPE)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(byte[].class)
			.returnResult();
		assertThat(download.getResponseBody()).isEqualTo(FileSafetyTests.PDF);
		String disposition = download.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
		assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
	}

	@Test
	void oversizedFileIsRefusedAndNothingIsStored() {
		String title = LibraryScene.unique("Большой файл");
		byte[] big = Arrays.copyOf(FileSafetyTests.PDF, FileSafety.MAX_BYTES + 1);
		long files = this.scene.fileCount();
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("Видео.pdf", PDF_TYPE, big)), HttpStatus.CONTENT_TOO_LARGE, "file_too_large");
		assertThat(this.scene.count(title)).isZero();
		assertThat(this.scene.fileCount()).isEqualTo(files);
	}

	@Test
	void fileTooLargeToEvenSpoolIsRefusedTheSameWay() {
		String title = LibraryScene.unique("Огромный файл");
		byte[] huge = Arrays.copyOf(FileSafetyTests.PDF, 22 * 1024 * 1024);
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("Видео.pdf", PDF_TYPE, huge)), HttpStatus.CONTENT_TOO_LARGE, "file_too_large");
		assertThat(this.scene.count(title)).isZero();
	}

	@Test
	void fileWhoseContentIsNotItsDeclaredTypeIsRefusedAndNothingIsStored() {
		String title = LibraryScene.unique("Подмена");
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("План.pdf", PDF_TYPE, FileSafetyTests.PDF), new NamedFile("Отчёт.pdf", PDF_TYPE, html)),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file_content_mismatch");
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("Фото.pdf", PDF_TYPE, FileSafetyTests.PNG)), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"file_content_mismatch");
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("page.html", "text/html", html)), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"file_type_not_allowed");
		assertThat(this.scene.count(title)).isZero();
	}

	@Test
	void fileNameWithPathTricksIsRefusedAndNothingIsStored() {
		String title = LibraryScene.unique("Пути");
		refused(this.scene.submit(this.http, this.scene.authorAccount, this.scene.product(title),
				new NamedFile("../../etc/passwd.pdf", PDF_TYPE, FileSafetyTests.PDF)), HttpStatus.BAD_REQUEST,
				"bad_file_name");
		assertThat(this.scene.count(title)).isZero();
	}

	@Test
	void adminSubmitsForTheirOrganisationOnly() {
		String title = LibraryScene.unique("От администратора");
		this.scene.submit(this.http, this.scene.adminA, this.scene.product(title)).expectStatus().isCreated();
		assertThat(this.scene.count(title)).isOne();
		String foreign = LibraryScene.unique("Чужая школа");
		refused(this.scene.submit(this.http, this.scene.adminB, this.scene.product(foreign)), HttpStatus.FORBIDDEN,
				"forbidden");
		assertThat(this.scene.count(foreign)).isZero();
	}

	@Test
	void deniedSubmissionsWriteNothing() {
		String title = LibraryScene.unique("Отказ");
		// a teacher who is not among the authors
		refused(this.scene.submit(this.http, this.scene.reader, this.scene.product(title),
				new NamedFile("План.pdf", PDF_TYPE, FileSafetyTests.PDF)), HttpStatus.FORBIDDEN, "forbidden");
		// an expert, a teacher of a school outside the network submitting to it
		refused(this.scene.submit(this.http, this.scene.expert, this.scene.product(title)), HttpStatus.FORBIDDEN,
				"forbidden");
		Map<String, Object> outside = Map.of("networkId", this.scene.network, "organisationId", this.scene.outside,
				"title", title, "type", "project", "authorIds", List.of(this.scene.outsiderTeacher));
		refused(this.scene.submit(this.http, this.scene.outsider, outside), HttpStatus.FORBIDDEN, "not_member");
		assertThat(this.scene.count(title)).isZero();
	}

	@Test
	void authorsMustBeTeachersOfTheOrganisation() {
		String title = LibraryScene.unique("Соавторы");
		Map<String, Object> product = new java.util.HashMap<>(this.scene.product(title));
		product.put("authorIds", List.of(this.scene.author, this.scene.readerTeacher));
		refused(this.scene.submit(this.http, this.scene.authorAccount, product), HttpStatus.BAD_REQUEST, "bad_input");
		assertThat(this.scene.count(title)).isZero();
	}

	private static void refused(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

}
