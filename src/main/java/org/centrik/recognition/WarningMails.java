package org.centrik.recognition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.shared.SchoolYear;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * E-mail warnings, when SMTP is configured ({@code spring.mail.host}): a teacher one
 * centrik short of a certificate, and the admins of their organisation, are told once per
 * teacher and school year.
 * <p>
 * {@link ProgressFollower} records the warning ({@link #record}) in the transaction that
 * answers the card's change, at most once a year per teacher (a unique key); this sender
 * sends what is recorded and not yet sent, every
 * {@code centrik.recognition.mail-interval}, rows locked {@code for update skip locked}
 * so that nodes share the work and none sends twice. A failed send is tried again, up to
 * five times.
 */
@Component
@ConditionalOnProperty(name = "spring.mail.host")
class WarningMails implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WarningMails.class);

	private static final int BATCH = 20;

	private static final int ATTEMPTS = 5;

	private final DatabaseClient database;

	private final JavaMailSender sender;

	private final TransactionalOperator transaction;

	private final Duration interval;

	private final String from;

	private final String publicUrl;

	private volatile Disposable sending;

	WarningMails(DatabaseClient database, JavaMailSender sender, ReactiveTransactionManager transactions,
			@Value("${centrik.recognition.mail-interval:30s}") Duration interval,
			@Value("${centrik.recognition.mail-from:centrik@localhost}") String from,
			@Value("${centrik.public-url}") String publicUrl) {
		this.database = database;
		this.sender = sender;
		this.transaction = TransactionalOperator.create(transactions);
		this.interval = interval;
		this.from = from;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	/**
	 * Records the warning of a card that is one centrik short, unless one was recorded
	 * for the teacher and school year already; in the caller's transaction.
	 */
	Mono<Void> record(long teacher, int schoolYear, List<CardSnapshots.Warning> warnings) {
		List<CardSnapshots.Warning> short_ = warnings.stream()
			.filter((warning) -> "one_centrik_short".equals(warning.code()))
			.toList();
		if (short_.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				insert into card_warning_mails (teacher_id, school_year, message) values (:teacher, :year, :message)
				on conflict (teacher_id, school_year) do nothing
				""")
			.bind("teacher", teacher)
			.bind("year", schoolYear)
			.bind("message", short_.stream().map(CardSnapshots.Warning::message).collect(Collectors.joining("\n")))
			.then();
	}

	@Override
	public void start() {
		this.sending = Flux.interval(this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> send().onErrorResume((ex) -> {
				logger.warn("E-mail warnings could not be sent: " + ex.getMessage());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	/**
	 * Sends the warnings recorded and not sent yet.
	 * @return how many were sent
	 */
	Mono<Integer> send() {
		return this.database
			.sql("""
					select m.id, m.school_year, m.message, t.organisation_id, o.name as organisation,
					       concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name,
					       concat_ws(' ', t.first_name, t.middle_name) as addressed,
					       coalesce(t.email, (select u.login from users u where u.teacher_id = t.id and u.enabled)) as teacher_address,
					       array(select distinct u.login from users u join user_roles r on r.user_id = u.id
					             where r.role = 'organisation_admin' and r.organisation_id = t.organisation_id
					               and u.enabled order by u.login) as admins
					from card_warning_mails m
					join teachers t on t.id = m.teacher_id
					join organisations o on o.id = t.organisation_id
					where m.sent_at is null and m.attempts < :attempts
					order by m.id limit :batch
					for update of m skip locked
					""")
			.bind("attempts", ATTEMPTS)
			.bind("batch", BATCH)
			.map((row) -> new Warning(row.get("id", Long.class), row.get("school_year", Integer.class),
					row.get("message", String.class), row.get("organisation_id", Long.class),
					row.get("organisation", String.class), row.get("name", String.class),
					row.get("addressed", String.class), row.get("teacher_address", String.class),
					List.of(row.get("admins", String[].class))))
			.all()
			.concatMap((warning) -> Mono.fromCallable(() -> deliver(warning))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((recipients) -> this.database
					.sql("update card_warning_mails set sent_at = now(), recipients = :recipients where id = :id")
					.bind("recipients", recipients.toArray(String[]::new))
					.bind("id", warning.id())
					.then()
					.thenReturn(1))
				.onErrorResume((ex) -> {
					logger.warn("E-mail warning " + warning.id() + " not sent: " + ex.getMessage());
					return this.database.sql("""
							update card_warning_mails set attempts = attempts + 1, last_error = :error where id = :id
							""")
						.bind("error", String.valueOf(ex.getMessage()))
						.bind("id", warning.id())
						.then()
						.thenReturn(0);
				}))
			.reduce(0, Integer::sum)
			.as(this.transaction::transactional);
	}

	/** Sends the teacher's and the admins' messages; the addresses it sent to. */
	private List<String> deliver(Warning warning) throws Exception {
		List<String> recipients = new ArrayList<>();
		String year = new SchoolYear(warning.schoolYear()).toString();
		if (warning.teacherAddress() != null) {
			this.sender.send(message(warning.teacherAddress(), "Centrik: до сертификата не хватает одного центрика",
					"Здравствуйте, " + warning.addressed() + "!\n\n" + warning.message()
							+ "\n\nОдно сетевое мероприятие — слушателем или с выступлением — и карта активности за "
							+ year + " учебный год будет обменена на сертификат.\n\nВаша карта активности: "
							+ this.publicUrl + "/#/card\n\n— Centrik, методическая сеть"));
			recipients.add(warning.teacherAddress());
		}
		for (String admin : warning.admins()) {
			this.sender.send(message(admin, "Centrik: педагогу " + warning.name() + " не хватает одного центрика",
					"Здравствуйте!\n\nПедагогу " + warning.name() + " (" + warning.organisation()
							+ ") до сертификата за " + year + " учебный год не хватает одного центрика.\n"
							+ warning.message() + "\n\nПедагоги организации: " + this.publicUrl + "/#/organisations/"
							+ warning.organisationId() + "/teachers\n\n— Centrik, методическая сеть"));
			recipients.add(admin);
		}
		return recipients;
	}

	private MimeMessage message(String to, String subject, String text) throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom(this.from);
		helper.setTo(to);
		helper.setSubject(subject);
		helper.setText(text);
		return message;
	}

	@Override
	public void stop() {
		if (this.sending != null) {
			this.sending.dispose();
			this.sending = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sending != null;
	}

	private record Warning(long id, int schoolYear, String message, long organisationId, String organisation,
			String name, String addressed, String teacherAddress, List<String> admins) {
	}

}
