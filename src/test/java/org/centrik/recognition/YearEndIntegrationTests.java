package org.centrik.recognition;

import java.awt.image.BufferedImage;
import java.text.ParseException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.centrik.security.TestAccounts;
import org.centrik.security.TestAccounts.Account;
import org.centrik.shared.SchoolYear;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@AutoConfigureWebTestClient
class YearEndIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Value("${centrik.public-url}")
	String publicUrl;

	RecognitionFixtures net;

	TestAccounts accounts;

	SchoolYear year;

	long listener;

	long[] presenters = new long[3];

	long oneShort;

	long fourYearsBack;

	long outsider;

	@BeforeEach
	void network() {
		this.net = new RecognitionFixtures(this.database);
		this.accounts = new TestAccounts(this.context);
		this.year = RecognitionFixtures.lastYear();
		LocalDate first = this.year.firstDay();
		long e1 = this.net.event(first.plusDays(40), true);
		long e2 = this.net.event(first.plusDays(90), true);
		long e3 = this.net.event(first.plusDays(200), true);
		long e4 = this.net.event(this.year.lastDay(), false);
		this.listener = this.net.teacher(this.net.applicant, "Слушателева");
		this.net.listener(e1, this.listener);
		this.net.listener(e2, this.listener);
		this.net.listener(e4, this.listener);
		for (int i = 0; i < 3; i++) {
			this.presenters[i] = this.net.teacher(this.net.executor, "Транслятор" + "ова".repeat(i + 1));
			this.net.presenter(List.of(e1, e2, e3).get(i), this.presenters[i]);
			this.net.listener(List.of(e1, e2, e3).get((i + 1) % 3), this.presenters[i]);
			this.net.listener(e4, this.presenters[i]);
		}
		this.oneShort = this.net.teacher(this.net.applicant, "Почтиева");
		this.net.listener(e1, this.oneShort);
		this.net.listener(e3, this.oneShort);
		this.fourYearsBack = this.net.teacher(this.net.applicant, "Давняя");
		this.net.listener(this.net.event(this.year.minus(3).lastDay(), false), this.fourYearsBack);
		this.net.listener(e2, this.fourYearsBack);
		this.net.listener(e3, this.fourYearsBack);
		this.outsider = this.net.teacher(this.net.applicant, "Посторонняя");
	}

	@Test
	void previewSaysWhoGetsWhatAndChangesNothing() {
		JsonNode preview = post(coordinator(), "/year-end/preview");
		assertThat(teachers(preview.get("certificates"))).containsExactlyInAnyOrder(this.listener, this.presenters[0],
				this.presenters[1], this.presenters[2]);
		assertThat(kindOf(preview.get("certificates"), this.listener)).isEqualTo("teacher_certificate");
		assertThat(kindOf(preview.get("certificates"), this.presenters[0])).isEqualTo("network_teacher");
		assertThat(teachers(preview.get("oneShort"))).containsExactlyInAnyOrder(this.oneShort, this.fourYearsBack);
		JsonNode platform = preview.get("platforms").get(0);
		assertThat(platform.get("organisationId").asLong()).isEqualTo(this.net.executor);
		assertThat(platform.get("met").asBoolean()).isTrue();
		assertThat(certificates()).isZero();
	}

	@Test
	void yearEndRunTwiceIssuesNothingNewTheSecondTime() {
		Account coordinator = coordinator();
		JsonNode first = post(coordinator, "/year-end/run");
		assertThat(first.get("certificates")).hasSize(4);
		assertThat(first.get("certificates").findValues("certificateId")).allMatch((id) -> id.asLong() > 0);
		assertThat(certificates()).isEqualTo(4);
		assertThat(count("select count(*) from certificates where network_id = :network and serial between 1 and 4"))
			.isEqualTo(4);

		JsonNode second = post(coordinator, "/year-end/run");
		assertThat(second.get("certificates")).isEmpty();
		assertThat(second.get("alreadyIssued")).hasSize(4);
		assertThat(certificates()).isEqualTo(4);
		assertThat(count("""
				select count(*) from audit_log where action = 'year_end_run' and target = 'network:' || :network
				""")).isEqualTo(2);
		assertThat(count("""
				select count(*) from certificate_evidence ce join certificates c on c.id = ce.certificate_id
				where c.network_id = :network
				""")).isEqualTo(12);
	}

	@Test
	void aConfirmedNetworkPlatformGetsOneCertificate() {
		Account coordinator = coordinator();
		String confirm = "/platform-status/" + this.net.executor + "/confirm";
		this.http.post()
			.uri(network(confirm))
			.headers(coordinator::bearer)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_eligible");
		post(coordinator, "/year-end/run");
		JsonNode first = post(coordinator, confirm);
		JsonNode again = post(coordinator, confirm);
		assertThat(first.at("/certificate/kind").asString()).isEqualTo("network_platform");
		assertThat(first.at("/certificate/holderName").asString()).contains("Гимназия");
		assertThat(first.at("/certificate/evidence")).hasSize(3);
		assertThat(again.at("/certificate/id").asLong()).isEqualTo(first.at("/certificate/id").asLong());
	}

	@Test
	void thePdfNamesTheTeacherInCyrillicAndItsQrCodeLeadsToTheVerificationPage() throws Exception {
		post(coordinator(), "/year-end/run");
		long certificate = certificateOf(this.listener);
		Account teacher = this.accounts.teacher(this.listener);
		byte[] pdf = this.http.get()
			.uri("/api/certificates/" + certificate + ".pdf")
			.headers(teacher::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Слушателева Анна Сергеевна")
				.contains("СЕРТИФИКАТ")
				.contains(this.year + " учебный год");
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
			String token = this.database.sql("select verification_token from certificates where id = :id")
				.bind("id", certificate)
				.map((row) -> row.get("verification_token", String.class))
				.one()
				.block();
			assertThat(qr(page)).isEqualTo(this.publicUrl + "/verify/" + token);
		}
	}

	@Test
	void theBadgeVerifiesAgainstThePublishedKeyAndATamperedOneDoesNot() throws Exception {
		post(coordinator(), "/year-end/run");
		Account teacher = this.accounts.teacher(this.presenters[0]);
		JsonNode badge = get(teacher, "/api/certificates/" + certificateOf(this.presenters[0]) + "/badge");
		assertThat(badge.at("/credential/type").toString()).contains("OpenBadgeCredential");
		assertThat(badge.at("/credential/evidence")).hasSize(3);
		String jwks = this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JWKSet keys = JWKSet.parse(jwks);
		String jwt = badge.get("jwt").asString();
		assertThat(verifies(jwt, keys)).isTrue();
		SignedJWT parsed = SignedJWT.parse(jwt);
		Map<String, Object> vc = parsed.getJWTClaimsSet().getJSONObjectClaim("vc");
		assertThat(vc.get("type").toString()).contains("OpenBadgeCredential");

		String[] parts = jwt.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
		String forged = payload.replace("Трансляторова", "Самозванцева");
		assertThat(forged).isNotEqualTo(payload);
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
				+ "." + parts[2];
		assertThat(verifies(tampered, keys)).isFalse();
	}

	@Test
	void anyoneVerifiesACertificateAndSeesItRevoked() {
		Account coordinator = coordinator();
		post(coordinator, "/year-end/run");
		long certificate = certificateOf(this.listener);
		String token = this.database.sql("select verification_token from certificates where id = :id")
			.bind("id", certificate)
			.map((row) -> row.get("verification_token", String.class))
			.one()
			.block();
		this.http.get()
			.uri("/verify/" + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("valid")
			.jsonPath("$.holder")
			.isEqualTo("Слушателева Анна Сергеевна");
		this.http.get().uri("/verify/nothing-like-it").exchange().expectStatus().isNotFound();
		// a browser (the QR code on a phone) gets the page, in Russian
		String page = this.http.get()
			.uri("/verify/" + token)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<html lang=\"ru\"")
			.contains("Сертификат действителен")
			.contains("Слушателева Анна Сергеевна")
			.contains("Сертификат повышения квалификации");
		this.http.get()
			.uri("/verify/nothing-like-it")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Сертификат не найден"));

		this.http.post()
			.uri("/api/certificates/" + certificate + "/revoke")
			.headers(coordinator::bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "Ошибка в карте активности"))
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get()
			.uri("/verify/" + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("revoked")
			.jsonPath("$.revokeReason")
			.isEqualTo("Ошибка в карте активности");
		assertThat(this.http.get()
			.uri("/verify/" + token)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("Сертификат отозван").contains("Ошибка в карте активности");
		assertThat(count("""
				select count(*) from audit_log where action = 'certificate_revoked' and target = 'certificate:' || :id
				""".replace(":id", String.valueOf(certificate)))).isEqualTo(1);
		// the next run does not issue it again
		assertThat(post(coordinator, "/year-end/run").get("certificates")).isEmpty();
	}

	@Test
	void onlyTheHolderTheirAdminAndTheCoordinatorGetACertificate() {
		post(coordinator(), "/year-end/run");
		String pdf = "/api/certificates/" + certificateOf(this.listener) + ".pdf";
		Account stranger = this.accounts.teacher(this.outsider);
		this.http.get().uri(pdf).headers(stranger::bearer).exchange().expectStatus().isForbidden();
		Account otherAdmin = this.accounts.admin(this.net.executor);
		this.http.get().uri(pdf).headers(otherAdmin::bearer).exchange().expectStatus().isForbidden();
		Account admin = this.accounts.admin(this.net.applicant);
		this.http.get().uri(pdf).headers(admin::bearer).exchange().expectStatus().isOk();
		this.http.get().uri(pdf).exchange().expectStatus().isUnauthorized();
		// and only a coordinator of the network runs the year end
		this.http.post().uri(network("/year-end/run")).headers(admin::bearer).exchange().expectStatus().isForbidden();
		Account otherCoordinator = this.accounts
			.coordinator(this.net.fixtures.network(this.net.coordinatorOrganisation));
		this.http.post()
			.uri(network("/year-end/preview"))
			.headers(otherCoordinator::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void theCardAndTheTeachersListWarnOneCentrikShort() {
		Account teacher = this.accounts.teacher(this.oneShort);
		JsonNode card = get(teacher, "/api/teachers/" + this.oneShort + "/card");
		JsonNode progress = card.get("progress").get(0);
		assertThat(progress.get("networkId").asLong()).isEqualTo(this.net.network);
		assertThat(progress.get("centriks").asInt()).isEqualTo(2);
		assertThat(progress.get("missing").asInt()).isEqualTo(1);
		assertThat(card.at("/warnings/0/code").asString()).isEqualTo("one_centrik_short");
		assertThat(card.get("entries")).hasSize(2);

		Account admin = this.accounts.admin(this.net.applicant);
		JsonNode teachers = get(admin, "/api/organisations/" + this.net.applicant + "/teachers");
		assertThat(teachers.findValues("teacherId").stream().map(JsonNode::asLong)).contains(this.oneShort,
				this.outsider);
		for (JsonNode row : teachers) {
			if (row.get("teacherId").asLong() == this.oneShort) {
				assertThat(row.at("/warnings/0/code").asString()).isEqualTo("one_centrik_short");
			}
			if (row.get("teacherId").asLong() == this.outsider) {
				assertThat(row.at("/progress/0/missing").asInt()).isEqualTo(3);
				assertThat(row.get("warnings")).isEmpty();
			}
		}
		Account otherAdmin = this.accounts.admin(this.net.executor);
		this.http.get()
			.uri("/api/organisations/" + this.net.applicant + "/teachers")
			.headers(otherAdmin::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
		Account stranger = this.accounts.teacher(this.outsider);
		this.http.get()
			.uri("/api/teachers/" + this.oneShort + "/card")
			.headers(stranger::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private static boolean verifies(String jwt, JWKSet keys) throws ParseException, JOSEException {
		SignedJWT parsed = SignedJWT.parse(jwt);
		RSAKey key = (RSAKey) keys.getKeyByKeyId(parsed.getHeader().getKeyID());
		return key != null && parsed.verify(new RSASSAVerifier(key.toRSAPublicKey()));
	}

	private static String qr(BufferedImage image) throws Exception {
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
		try {
			return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
		}
		catch (NotFoundException ex) {
			throw new AssertionError("No QR code on the page", ex);
		}
	}

	private Account coordinator() {
		return this.accounts.coordinator(this.net.network);
	}

	private String network(String path) {
		return "/api/networks/" + this.net.network + path + "?schoolYear=" + this.year.startYear();
	}

	private JsonNode post(Account account, String path) {
		return this.http.post()
			.uri(path.startsWith("/api") ? path : network(path))
			.headers(account::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode get(Account account, String path) {
		return this.http.get()
			.uri(path)
			.headers(account::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static List<Long> teachers(JsonNode awards) {
		return awards.findValues("teacherId").stream().map(JsonNode::asLong).toList();
	}

	private static String kindOf(JsonNode awards, long teacher) {
		for (JsonNode award : awards) {
			if (award.get("teacherId").asLong() == teacher) {
				return award.get("kind").asString();
			}
		}
		return null;
	}

	private long certificates() {
		return count("select count(*) from certificates where network_id = :network");
	}

	private long certificateOf(long teacher) {
		return this.database.sql("select id from certificates where teacher_id = :teacher")
			.bind("teacher", teacher)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private long count(String sql) {
		var spec = this.database.sql(sql);
		if (sql.contains(":network")) {
			spec = spec.bind("network", this.net.network);
		}
		return spec.map((row) -> row.get(0, Long.class)).one().block();
	}

}
