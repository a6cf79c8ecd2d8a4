package org.centrik.recognition;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.security.TestAccounts;
import org.centrik.shared.TeacherId;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail warnings against a real SMTP server (GreenMail): a teacher whose card becomes
 * one centrik short, and their organisation's admin, each get one message, in Russian,
 * once per school year.
 */
@IntegrationTest(properties = { "centrik.recognition.progress-interval=300ms",
		"centrik.recognition.mail-interval=300ms", "centrik.recognition.mail-from=centrik@test.example" })
class WarningMailsIntegrationTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	Attendance attendance;

	@Autowired
	WarningMails mails;

	@Test
	void aTeacherOneCentrikShortAndTheirAdminAreToldOncePerSchoolYear() throws Exception {
		RecognitionFixtures net = new RecognitionFixtures(this.database);
		long teacher = net.teacher(net.applicant, "Почтиева");
		String teacherAddress = "pochtieva-" + UUID.randomUUID() + "@school.example";
		this.database.sql("update teachers set email = :email where id = :id")
			.bind("email", teacherAddress)
			.bind("id", teacher)
			.then()
			.block();
		TestAccounts.Account admin = new TestAccounts(this.context).admin(net.applicant);
		net.listener(net.event(RecognitionFixtures.lastYear().lastDay().minusDays(10), false), teacher);
		long now = net.fixtures.liveEvent(net.network, net.executor);

		this.attendance
			.record(new EventId(now), new TeacherId(teacher), Participation.Role.LISTENER,
					Participation.Method.HOST_MARKED, UUID.randomUUID(), Instant.now(), "test")
			.block();

		List<MimeMessage> received = await(2);
		MimeMessage toTeacher = to(received, teacherAddress);
		MimeMessage toAdmin = to(received, admin.login());
		assertThat(toTeacher.getSubject()).isEqualTo("Centrik: до сертификата не хватает одного центрика");
		assertThat(GreenMailUtil.getBody(toTeacher)).isNotBlank();
		assertThat(text(toTeacher)).contains("Здравствуйте, Анна Сергеевна!").contains("не хватает одного центрика");
		assertThat(toAdmin.getSubject()).contains("Почтиева Анна Сергеевна");
		assertThat(text(toAdmin)).contains("/#/organisations/" + net.applicant + "/teachers");
		assertThat(toTeacher.getFrom()[0].toString()).isEqualTo("centrik@test.example");

		// recorded as sent once the sender's transaction commits
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		long sent = 0;
		while (sent == 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			sent = this.database.sql("""
					select count(*) from card_warning_mails where teacher_id = :teacher and sent_at is not null
					  and recipients @> array[:teacher_address, :admin]::text[]
					""")
				.bind("teacher", teacher)
				.bind("teacher_address", teacherAddress)
				.bind("admin", admin.login())
				.map((row) -> row.get(0, Long.class))
				.one()
				.block();
		}
		assertThat(sent).isOne();

		// a second warning of the same teacher and school year is not recorded, so not
		// sent
		this.mails
			.record(teacher, currentYear(),
					List.of(new CardSnapshots.Warning("one_centrik_short", net.network, currentYear(), "Снова")))
			.block();
		Thread.sleep(2000);
		assertThat(smtp.getReceivedMessages()).hasSize(received.size());
	}

	private int currentYear() {
		return RecognitionFixtures.lastYear().next().startYear();
	}

	private List<MimeMessage> await(int count) throws InterruptedException {
		assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), count)).as("%d messages", count)
			.isTrue();
		return Arrays.asList(smtp.getReceivedMessages());
	}

	private static MimeMessage to(List<MimeMessage> messages, String address) {
		return messages.stream().filter((message) -> {
			try {
				return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch((to) -> to.toString().equals(address));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow(() -> new AssertionError("no message to " + address));
	}

	private static String text(MimeMessage message) throws Exception {
		return (String) message.getContent();
	}

}
