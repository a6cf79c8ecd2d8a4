package org.centrik.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.centrik.demo.DemoCatalogue.Audience;
import org.centrik.demo.DemoCatalogue.Membership;
import org.centrik.demo.DemoCatalogue.Organisation;
import org.centrik.demo.DemoCatalogue.Practice;
import org.centrik.demo.DemoCatalogue.When;
import org.centrik.demo.DemoPlan.AgreementRow;
import org.centrik.demo.DemoPlan.CheckIn;
import org.centrik.demo.DemoPlan.CorrectionRow;
import org.centrik.demo.DemoPlan.EventRow;
import org.centrik.demo.DemoPlan.GroupRow;
import org.centrik.demo.DemoPlan.LiveEventRow;
import org.centrik.demo.DemoPlan.OpenMicrophone;
import org.centrik.demo.DemoPlan.OrganisationRow;
import org.centrik.demo.DemoPlan.ParticipationRow;
import org.centrik.demo.DemoPlan.PracticeRow;
import org.centrik.demo.DemoPlan.ProductRow;
import org.centrik.demo.DemoPlan.RegistrationRow;
import org.centrik.demo.DemoPlan.RequestRow;
import org.centrik.demo.DemoPlan.ReviewRow;
import org.centrik.demo.DemoPlan.TeacherRow;
import org.centrik.demo.DemoPlan.TransitionRow;
import org.centrik.demo.RussianNames.Person;
import org.centrik.shared.SchoolYear;

/**
 * Builds the demo network from the {@link DemoCatalogue}: people from a seeded
 * {@link Random}, dates relative to the moment of the load. The random numbers drawn
 * never depend on that moment, so the same seed gives the same people, requests and
 * attendance whenever it runs; only the dates move with the calendar.
 */
final class DemoPlanner {

	/** The seed of the demo network every server loads. */
	static final long SEED = 2024_09_01L;

	static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

	private static final List<String> SCHOOL_SUBJECTS = List.of("Начальные классы", "Русский язык и литература",
			"Математика", "Английский язык", "Начальные классы", "История и обществознание", "Биология", "Физика",
			"Информатика", "Химия", "География", "Физическая культура", "Русский язык и литература", "Математика",
			"Изобразительное искусство", "Музыка", "Технология", "Основы безопасности и защиты Родины");

	private static final List<String> METHODIST_SUBJECTS = List.of("Дошкольное образование",
			"Начальное общее образование", "Математика", "Русский язык и литература", "Естественные науки",
			"Иностранные языки", "Воспитательная работа", "Цифровая образовательная среда");

	private static final List<String> CLUBS = List.of("Робототехника", "Театральная студия", "Хореография", "Изостудия",
			"Робототехника", "Шахматы", "Вокальная студия", "Экология", "Театральная студия", "Журналистика");

	/** Percent of men among teachers of a subject; ten percent elsewhere. */
	private static final Map<String, Integer> MEN = Map.of("Физическая культура", 50, "Информатика", 40,
			"Основы безопасности и защиты Родины", 70, "Технология", 40, "Физика", 35, "История и обществознание", 25,
			"Робототехника", 60, "Шахматы", 50, "Математика", 15, "Цифровая образовательная среда", 40);

	private final long seed;

	DemoPlanner(long seed) {
		this.seed = seed;
	}

	DemoPlan plan(Instant now) {
		return new Build(this.seed, now).plan();
	}

	/**
	 * The open microphone that goes live at {@code now}: started twenty minutes ago, ends
	 * in three hours, its presenters and first listeners already checked in.
	 * {@code ordinal} counts the open microphones before it and picks the topic.
	 */
	LiveEventRow openMicrophone(DemoPlan plan, Instant now, int ordinal) {
		Random random = new Random(this.seed * 31 + ordinal);
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		Instant startsAt = minute.minus(Duration.ofMinutes(20));
		Instant endsAt = minute.plus(Duration.ofHours(3));
		OpenMicrophone people = plan.openMicrophone();
		int host = people.hostContacts().get(0);
		Organisation venue = DemoCatalogue.ORGANISATIONS.get(plan.teachers().get(host).organisation());
		List<CheckIn> checkIns = new ArrayList<>();
		for (int presenter : people.presenters()) {
			Instant at = startsAt.minus(Duration.ofMinutes(1 + random.nextInt(15)));
			checkIns.add(new CheckIn(plan.teachers().get(presenter).email(), "presenter", "host_marked", at,
					at.plusSeconds(1), null, plan.actor(host)));
		}
		Instant earliest = startsAt.minus(Duration.ofMinutes(10));
		long window = Duration.between(earliest, now.minusSeconds(30)).getSeconds();
		for (int listener : people.listeners()) {
			String method = List.of("qr", "qr", "link", "code_word").get(random.nextInt(4));
			Instant at = earliest.plusSeconds((long) (random.nextDouble() * window));
			String email = plan.teachers().get(listener).email();
			checkIns.add(new CheckIn(email, "listener", method, at, at.plusSeconds(1 + random.nextInt(3)),
					uuid("live/" + startsAt + "/" + email), plan.actor(listener)));
		}
		String topic = DemoCatalogue.OPEN_MICROPHONE_TOPICS.get(ordinal % DemoCatalogue.OPEN_MICROPHONE_TOPICS.size());
		return new LiveEventRow("Открытый микрофон: " + topic, "open_microphone", "hybrid",
				venue.shortName() + ", " + venue.address() + ", актовый зал",
				DemoCatalogue.WEB + "/meet/otkrytyi-mikrofon-" + (ordinal + 1),
				DemoCatalogue.OPEN_MICROPHONE_DESCRIPTION, startsAt, endsAt,
				people.hostContacts().stream().map((teacher) -> plan.teachers().get(teacher).email()).toList(),
				people.presenters().stream().map((teacher) -> plan.teachers().get(teacher).email()).toList(), checkIns);
	}

	private static UUID uuid(String name) {
		return UUID.nameUUIDFromBytes(("centrik-demo/" + name).getBytes(StandardCharsets.UTF_8));
	}

	private static final class Build {

		private final long seed;

		private final Random random;

		private final Instant now;

		private final LocalDate today;

		private final SchoolYear current;

		private final SchoolYear previous;

		private final List<OrganisationRow> organisations = new ArrayList<>();

		private final List<AgreementRow> agreements = new ArrayList<>();

		private final List<TeacherRow> teachers = new ArrayList<>();

		private final List<List<Integer>> staffOf = new ArrayList<>();

		private final List<Integer> quotas = new ArrayList<>();

		private final List<PracticeRow> practices = new ArrayList<>();

		private final List<RequestRow> requests = new ArrayList<>();

		private final List<EventDraft> events = new ArrayList<>();

		private final List<ParticipationRow> participations = new ArrayList<>();

		private final List<CorrectionRow> corrections = new ArrayList<>();

		private final List<RegistrationRow> registrations = new ArrayList<>();

		private final List<GroupRow> groups = new ArrayList<>();

		private final List<ProductRow> products = new ArrayList<>();

		private final List<ReviewRow> reviews = new ArrayList<>();

		Build(long seed, Instant now) {
			this.seed = seed;
			this.random = new Random(seed);
			this.now = now;
			this.today = LocalDate.ofInstant(now, ZONE);
			this.current = SchoolYear.of(this.today);
			this.previous = this.current.previous();
		}

		DemoPlan plan() {
			organisations();
			teachers();
			practices();
			events();
			requests();
			participations();
			registrations();
			library();
			OpenMicrophone openMicrophone = openMicrophone();
			List<EventRow> eventRows = this.events.stream().map(EventDraft::row).toList();
			return new DemoPlan(this.now, this.organisations, this.agreements, this.teachers, this.practices,
					this.requests, eventRows, this.participations, this.corrections, this.registrations, this.groups,
					this.products, this.reviews, openMicrophone);
		}

		private void organisations() {
			for (int i = 0; i < DemoCatalogue.ORGANISATIONS.size(); i++) {
				Organisation organisation = DemoCatalogue.ORGANISATIONS.get(i);
				LocalDate since;
				if (organisation.membership() == Membership.COORDINATOR) {
					since = LocalDate.of(this.previous.startYear() - 3, Month.AUGUST, 1);
				}
				else {
					int signedIn = switch (organisation.membership()) {
						case FIXED_TERM -> this.previous.startYear() - (i % 2);
						case LAPSED -> this.previous.startYear() - 2;
						default -> this.previous.startYear() - 2 - (i % 2);
					};
					since = LocalDate.of(signedIn, Month.AUGUST, 20 + i % 10);
					LocalDate until = switch (organisation.membership()) {
						case FIXED_TERM -> this.current.lastDay().plusYears(2);
						case LAPSED -> this.previous.lastDay();
						default -> null;
					};
					this.agreements.add(new AgreementRow(i, "СВ-" + signedIn + "/" + String.format("%02d", i), since,
							since, until, purpose(organisation)));
				}
				this.organisations.add(new OrganisationRow(organisation.name(), organisation.shortName(),
						organisation.kind(), organisation.address(), organisation.email(), organisation.labels(),
						at(since, LocalTime.of(10, 0))));
			}
		}

		private static String purpose(Organisation organisation) {
			return organisation.kind().equals("kindergarten")
					? "Сетевое взаимодействие в области дошкольного образования: распространение инновационного опыта, "
							+ "участие в сетевых мероприятиях и в матрице сетевого взаимодействия"
					: "Сетевое взаимодействие по распространению инновационного опыта: участие в матрице сетевого "
							+ "взаимодействия, проведение и посещение сетевых мероприятий";
		}

		private void teachers() {
			Set<String> names = new HashSet<>();
			Set<String> emails = new HashSet<>();
			for (int o = 0; o < DemoCatalogue.ORGANISATIONS.size(); o++) {
				Organisation organisation = DemoCatalogue.ORGANISATIONS.get(o);
				List<Integer> staff = new ArrayList<>();
				for (String[] post : staff(organisation)) {
					String subject = post[1];
					int men = organisation.kind().equals("kindergarten")
							? (("Физическая культура".equals(subject)) ? 30 : 2)
							: MEN.getOrDefault((subject != null) ? subject : "", 10);
					boolean female = this.random.nextInt(100) >= men;
					Person person;
					do {
						person = RussianNames.person(this.random, female);
					}
					while (!names.add(person.lastName() + " " + person.firstName() + " " + person.middleName()));
					String mailbox = person.mailbox();
					String email = mailbox + "@" + organisation.slug() + ".centr.example";
					for (int n = 2; !emails.add(email); n++) {
						email = mailbox + n + "@" + organisation.slug() + ".centr.example";
					}
					staff.add(this.teachers.size());
					this.teachers.add(new TeacherRow(o, person, email, post[0], subject,
							this.organisations.get(o).createdAt().plus(Duration.ofMinutes(staff.size()))));
				}
				this.staffOf.add(staff);
			}
			for (int t = 0; t < this.teachers.size(); t++) {
				int draw = this.random.nextInt(100);
				this.quotas.add((draw < 10) ? 0 : (draw < 20) ? 1 : (draw < 33) ? 2 : 3 + this.random.nextInt(4));
			}
		}

		/**
		 * Positions and subjects of an organisation's staff, the responsible person
		 * first.
		 */
		private static List<String[]> staff(Organisation organisation) {
			List<String[]> staff = new ArrayList<>();
			switch (organisation.kind()) {
				case "methodical_centre" -> {
					staff.add(new String[] { "заместитель директора по методической работе", null });
					for (int i = 1; i < organisation.teachers(); i++) {
						staff.add(new String[] { "методист",
								METHODIST_SUBJECTS.get((i - 1) % METHODIST_SUBJECTS.size()) });
					}
				}
				case "kindergarten" -> {
					staff.add(new String[] { "старший воспитатель", "Дошкольное образование" });
					staff.add(new String[] { "учитель-логопед", "Логопедия" });
					staff.add(new String[] { "музыкальный руководитель", "Музыка" });
					staff.add(new String[] { "инструктор по физической культуре", "Физическая культура" });
					staff.add(new String[] { "педагог-психолог", "Психология" });
					while (staff.size() < organisation.teachers()) {
						staff.add(new String[] { "воспитатель", "Дошкольное образование" });
					}
				}
				case "additional_education" -> {
					staff.add(new String[] { "заместитель директора по учебно-воспитательной работе", null });
					staff.add(new String[] { "методист", null });
					for (int i = 0; staff.size() < organisation.teachers(); i++) {
						staff.add(new String[] { "педагог дополнительного образования", CLUBS.get(i % CLUBS.size()) });
					}
				}
				default -> {
					List<String> subjects = new ArrayList<>(organisation.specialisms());
					subjects.addAll(SCHOOL_SUBJECTS);
					staff.add(new String[] { "заместитель директора по учебно-воспитательной работе",
							subjects.get(0).equals("Дефектология") ? "Начальные классы" : subjects.get(0) });
					staff.add(new String[] { "педагог-психолог", "Психология" });
					for (int i = 0; staff.size() < organisation.teachers(); i++) {
						String subject = subjects.get(i % subjects.size());
						String position = switch (subject) {
							case "Начальные классы" -> "учитель начальных классов";
							case "Дефектология" -> "учитель-дефектолог";
							default -> "учитель";
						};
						staff.add(new String[] { position, subject });
					}
				}
			}
			return staff;
		}

		private void practices() {
			for (int p = 0; p < DemoCatalogue.PRACTICES.size(); p++) {
				Practice practice = DemoCatalogue.PRACTICES.get(p);
				LocalDate declared = this.previous.firstDay().plusDays(p % 9);
				if (p >= 19) {
					LocalDate recently = this.current.firstDay().plusDays(10 + p % 5);
					LocalDate latest = this.today.minusDays(40);
					declared = maximum(declared, recently.isBefore(latest) ? recently : latest);
				}
				this.practices.add(new PracticeRow(practice.organisation(), practice.title(), practice.direction(),
						practice.levels(), practice.formats(), practice.description(),
						(p % 2 == 0) ? DemoCatalogue.WEB + "/bank/" + (p + 1) : null, declared));
			}
		}

		private void events() {
			List<LocalDate> termDays = this.previous.firstDay()
				.plusDays(10)
				.datesUntil(this.today.minusDays(2))
				.filter(Build::isTermDay)
				.toList();
			long past = DemoCatalogue.EVENTS.stream()
				.filter((event) -> event.when() == When.PAST || event.when() == When.CANCELLED)
				.count();
			int slot = 0;
			for (int e = 0; e < DemoCatalogue.EVENTS.size(); e++) {
				DemoCatalogue.Event spec = DemoCatalogue.EVENTS.get(e);
				LocalDate day = switch (spec.when()) {
					case PAST, CANCELLED -> termDays.get((int) ((slot++ + 0.5) * termDays.size() / past));
					case UPCOMING, DRAFT -> eventDay(this.today.plusDays(spec.daysAhead()));
				};
				if (e == DemoCatalogue.PLATFORM_EVENT) {
					day = inCurrentYear(termDays, day);
				}
				Instant startsAt = at(day, spec.start());
				Instant endsAt = startsAt.plus(Duration.ofMinutes(spec.minutes()));
				Instant created = minimum(startsAt.minus(Duration.ofDays(21)), this.now.minus(Duration.ofDays(10)))
					.truncatedTo(ChronoUnit.MINUTES);
				Organisation venue = DemoCatalogue.ORGANISATIONS.get(spec.hosts().get(0));
				String place = spec.mode().equals("online") ? null
						: venue.shortName() + ", " + venue.address() + ", " + spec.room();
				String link = spec.mode().equals("offline") ? null : DemoCatalogue.WEB + "/meet/" + code();
				EventDraft event = new EventDraft(e, spec, startsAt, endsAt, created, place, link);
				choosePresenters(event);
				if (e == DemoCatalogue.PLATFORM_EVENT) {
					// the platform's presenters collect enough centriks to be certified
					event.presenters
						.forEach((teacher) -> this.quotas.set(teacher, Math.max(3, this.quotas.get(teacher))));
				}
				for (int applicant : spec.applicants()) {
					event.requests.add(this.requests.size());
					this.requests.add(answeredRequest(event, applicant));
				}
				this.events.add(event);
			}
		}

		/**
		 * The middle term day of the current school year so far, for the event that makes
		 * a «Сетевая площадка» of this year; in its first days, when it has none, the day
		 * planned.
		 */
		private LocalDate inCurrentYear(List<LocalDate> termDays, LocalDate planned) {
			List<LocalDate> thisYear = termDays.stream().filter(this.current::contains).toList();
			return thisYear.isEmpty() ? planned : thisYear.get(thisYear.size() / 2);
		}

		private void choosePresenters(EventDraft event) {
			String subject = (event.spec.practice() >= 0) ? DemoCatalogue.PRACTICES.get(event.spec.practice()).subject()
					: null;
			for (int organisation : event.spec.presenters()) {
				List<Integer> free = this.staffOf.get(organisation)
					.stream()
					.filter((teacher) -> !event.presenters.contains(teacher))
					.toList();
				List<Integer> matching = free.stream()
					.filter((teacher) -> subject != null && subject.equals(this.teachers.get(teacher).subject()))
					.toList();
				List<Integer> from = matching.isEmpty() ? free : matching;
				event.presenters.add(from.get(this.random.nextInt(from.size())));
			}
		}

		/**
		 * A request that the event answers: scheduled to it, and delivered once it took
		 * place.
		 */
		private RequestRow answeredRequest(EventDraft event, int applicant) {
			int practice = event.spec.practice();
			int executor = DemoCatalogue.PRACTICES.get(practice).organisation();
			LocalDate created = LocalDate.ofInstant(event.created, ZONE);
			LocalDate acceptedOn = workdayBefore(created.minusDays(1 + this.random.nextInt(2)));
			Instant accepted = atWork(acceptedOn);
			Instant submitted = atWork(workdayBefore(acceptedOn.minusDays(1 + this.random.nextInt(4))));
			Instant scheduled = atWork(weekday(created.plusDays(1 + this.random.nextInt(2))));
			String acceptance = this.random.nextBoolean() ? "Готовы провести в удобные для вас сроки" : null;
			List<TransitionRow> transitions = new ArrayList<>();
			transitions.add(new TransitionRow(null, "submitted", actor(applicant), null, submitted));
			transitions.add(new TransitionRow("submitted", "accepted", actor(executor), acceptance, accepted));
			transitions.add(new TransitionRow("accepted", "scheduled", actor(executor), "Назначено мероприятие «"
					+ event.spec.title() + "» на " + DAY.format(LocalDate.ofInstant(event.startsAt, ZONE)), scheduled));
			Instant delivered = event.endsAt.plus(Duration.ofMinutes(30 + this.random.nextInt(120)));
			if (event.spec.when() == When.PAST) {
				transitions.add(new TransitionRow("scheduled", "delivered", actor(executor),
						"Мероприятие проведено, посещаемость отмечена", delivered));
			}
			LocalDate day = LocalDate.ofInstant(event.startsAt, ZONE);
			return new RequestRow(practice, applicant, SchoolYear.of(day).startYear(), event.spec.format(),
					day.minusDays(14), day.plusDays(14), 2 + this.random.nextInt(8), comment(), null, transitions);
		}

		/** The requests no event answers: waiting, accepted, declined or withdrawn. */
		private void requests() {
			for (int r = 0; r < DemoCatalogue.REQUESTS.size(); r++) {
				DemoCatalogue.Request spec = DemoCatalogue.REQUESTS.get(r);
				int executor = DemoCatalogue.PRACTICES.get(spec.practice()).organisation();
				int daysAgo = 12 + this.random.nextInt(20);
				int firstAnswer = 1 + this.random.nextInt(3);
				int secondAnswer = 1 + this.random.nextInt(3);
				int lead = 14 + this.random.nextInt(30);
				LocalDate submittedOn;
				if (spec.previousYear()) {
					submittedOn = this.previous.firstDay().plusDays(60 + daysAgo * 3);
				}
				else if (spec.state().equals("submitted")) {
					submittedOn = this.today.minusDays(daysAgo - 11);
				}
				else {
					submittedOn = this.today.minusDays(daysAgo);
				}
				submittedOn = workdayBefore(submittedOn);
				Instant submitted = atWork(submittedOn);
				LocalDate answeredOn = weekday(submittedOn.plusDays(firstAnswer));
				Instant answered = atWork(answeredOn);
				Instant withdrawn = atWork(weekday(answeredOn.plusDays(secondAnswer)));
				List<TransitionRow> transitions = new ArrayList<>();
				transitions.add(new TransitionRow(null, "submitted", actor(spec.applicant()), null, submitted));
				switch (spec.state()) {
					case "accepted" -> transitions.add(new TransitionRow("submitted", "accepted", actor(executor),
							"Согласуем дату после утверждения графика мероприятий", answered));
					case "declined" -> transitions
						.add(new TransitionRow("submitted", "declined", actor(executor), spec.reason(), answered));
					case "withdrawn" -> {
						String from = "submitted";
						if (r % 2 == 0) {
							transitions
								.add(new TransitionRow("submitted", "accepted", actor(executor), null, answered));
							from = "accepted";
						}
						transitions.add(new TransitionRow(from, "withdrawn", actor(spec.applicant()), spec.reason(),
								withdrawn));
					}
					default -> {
					}
				}
				LocalDate from = (spec.previousYear() ? submittedOn : maximum(submittedOn, this.today)).plusDays(lead);
				Practice practice = DemoCatalogue.PRACTICES.get(spec.practice());
				this.requests.add(new RequestRow(spec.practice(), spec.applicant(), SchoolYear.of(from).startYear(),
						practice.formats().get(0), from, from.plusDays(30), 2 + this.random.nextInt(8), comment(),
						spec.state().equals("declined") ? spec.reason() : null, transitions));
			}
		}

		private String comment() {
			int draw = this.random.nextInt(DemoCatalogue.REQUEST_COMMENTS.size() + 3);
			return (draw < DemoCatalogue.REQUEST_COMMENTS.size()) ? DemoCatalogue.REQUEST_COMMENTS.get(draw) : null;
		}

		/**
		 * Attendance of the finished events: presenters first, then every teacher attends
		 * as many events as their planned activity, preferring the events their own
		 * organisation asked for.
		 */
		private void participations() {
			int[] counts = new int[this.teachers.size()];
			List<ParticipationRow> rows = new ArrayList<>();
			EventDraft fair = null;
			for (EventDraft event : this.events) {
				if (event.spec.when() != When.PAST) {
					continue;
				}
				for (int slot = 0; slot < event.presenters.size(); slot++) {
					int teacher = event.presenters.get(slot);
					Instant at = event.startsAt.minus(Duration.ofMinutes(5 + this.random.nextInt(15)));
					boolean checkedInAsListener = event.spec.format().equals("fair") && slot == 1;
					if (checkedInAsListener) {
						fair = event;
						rows.add(new ParticipationRow(event.index, teacher, "presenter", "qr", "present", at,
								at.plusSeconds(2), uuid(this.seed + "/" + event.index + "/" + teacher),
								actor(this.teachers.get(teacher).organisation(), teacher)));
					}
					else {
						rows.add(new ParticipationRow(event.index, teacher, "presenter", "host_marked", "present", at,
								at.plusSeconds(1), null, hostActor(event)));
					}
					counts[teacher]++;
				}
			}
			List<EventDraft> finished = this.events.stream().filter((event) -> event.spec.when() == When.PAST).toList();
			for (int t = 0; t < this.teachers.size(); t++) {
				int teacher = t;
				int organisation = this.teachers.get(t).organisation();
				String kind = DemoCatalogue.ORGANISATIONS.get(organisation).kind();
				List<EventDraft> eligible = new ArrayList<>(finished.stream()
					.filter((event) -> event.spec.audience().admits(kind))
					.filter((event) -> organisation != DemoCatalogue.LAPSED_MEMBER || event.index <= 4)
					.filter((event) -> !event.presenters.contains(teacher))
					.toList());
				Collections.shuffle(eligible, this.random);
				eligible
					.sort(Comparator.comparing((EventDraft event) -> !event.spec.applicants().contains(organisation)));
				int wanted = Math.min(Math.max(0, this.quotas.get(t) - counts[t]), eligible.size());
				for (EventDraft event : eligible.subList(0, wanted)) {
					rows.add(listener(event, t));
					counts[t]++;
				}
			}
			rows.sort(Comparator.comparingInt(ParticipationRow::event).thenComparing(ParticipationRow::recordedAt));
			this.participations.addAll(rows);
			for (EventDraft event : this.events) {
				event.attendance = (int) rows.stream().filter((row) -> row.event() == event.index).count();
			}
			correctPresenterRole(fair);
			removeMistakenImport(counts);
		}

		private ParticipationRow listener(EventDraft event, int teacher) {
			List<String> methods = switch (event.spec.mode()) {
				case "online" ->
					List.of("link", "link", "link", "link", "link", "link", "import", "import", "import", "code_word");
				case "offline" -> List.of("qr", "qr", "qr", "qr", "qr", "code_word", "code_word", "host_marked",
						"host_marked", "host_marked");
				default -> List.of("qr", "qr", "qr", "link", "link", "link", "host_marked", "host_marked", "code_word",
						"code_word");
			};
			String method = methods.get(this.random.nextInt(methods.size()));
			Instant recorded = event.startsAt.minus(Duration.ofMinutes(15)).plusSeconds(this.random.nextInt(40 * 60));
			int delay = this.random.nextInt(100);
			int lateBy = this.random.nextInt(40);
			return switch (method) {
				case "host_marked" -> new ParticipationRow(event.index, teacher, "listener", method, "present",
						recorded, recorded.plusSeconds(1), null, hostActor(event));
				case "import" -> new ParticipationRow(event.index, teacher, "listener", method, "present", recorded,
						event.endsAt.plus(Duration.ofMinutes(10 + lateBy)), null, hostActor(event));
				default -> new ParticipationRow(event.index, teacher, "listener", method, "present", recorded,
						// a phone that was offline at the door sends its scan later
						(delay < 4) ? recorded.plus(Duration.ofMinutes(3 + lateBy))
								: recorded.plusSeconds(1 + delay % 4),
						uuid(this.seed + "/" + event.index + "/" + teacher),
						actor(this.teachers.get(teacher).organisation(), teacher));
			};
		}

		/**
		 * A presenter at the fair checked in as a listener; the host corrected the role.
		 */
		private void correctPresenterRole(EventDraft fair) {
			if (fair == null) {
				return;
			}
			int teacher = fair.presenters.get(1);
			for (int p = 0; p < this.participations.size(); p++) {
				ParticipationRow row = this.participations.get(p);
				if (row.event() == fair.index && row.teacher() == teacher) {
					boolean female = this.teachers.get(teacher).person().female();
					this.corrections.add(new CorrectionRow(p, "listener", "presenter", "present", "present",
							(female ? "Выступала" : "Выступал") + " на ярмарке с презентацией практики, отметил"
									+ (female ? "ась" : "ся") + " как слушатель; роль исправлена организатором",
							hostActor(fair), fair.endsAt.plus(Duration.ofMinutes(40))));
				}
			}
		}

		/**
		 * A webinar's imported participant list held someone who left at once; the host
		 * removed them, choosing someone with enough other centriks to keep the counts
		 * honest.
		 */
		private void removeMistakenImport(int[] counts) {
			for (int p = 0; p < this.participations.size(); p++) {
				ParticipationRow row = this.participations.get(p);
				if (row.method().equals("import") && counts[row.teacher()] >= 4) {
					EventDraft event = this.events.get(row.event());
					this.participations.set(p,
							new ParticipationRow(row.event(), row.teacher(), row.role(), row.method(), "removed",
									row.recordedAt(), row.receivedAt(), row.clientId(), row.recordedBy()));
					boolean female = this.teachers.get(row.teacher()).person().female();
					this.corrections.add(new CorrectionRow(p, null, null, "present", "removed",
							(female ? "Импортирована" : "Импортирован")
									+ " из списка участников вебинара по ошибке: подключение длилось меньше пяти минут",
							hostActor(event), event.endsAt.plus(Duration.ofDays(1))));
					return;
				}
			}
		}

		/**
		 * Teachers of the applicants sign up for the upcoming events that answer them.
		 */
		private void registrations() {
			for (EventDraft event : this.events) {
				if (event.spec.when() != When.UPCOMING) {
					continue;
				}
				for (int r : event.requests) {
					RequestRow request = this.requests.get(r);
					List<Integer> staff = new ArrayList<>(this.staffOf.get(request.applicant()));
					Collections.shuffle(staff, this.random);
					Instant scheduled = request.updatedAt();
					for (int teacher : staff.subList(0, Math.min(request.teachersCount(), staff.size()))) {
						this.registrations.add(new RegistrationRow(event.index, teacher,
								scheduled.plus(Duration.ofMinutes(90 + this.random.nextInt(72 * 60)))));
					}
				}
			}
		}

		/**
		 * A creative group at work, one waiting for its decision, and products under
		 * review.
		 */
		private void library() {
			int leader = teacherOf(12, "Математика");
			LocalDate termFrom = this.previous.firstDay().plusDays(75);
			Instant applied = at(termFrom.minusDays(20), LocalTime.of(11, 30));
			Instant decided = applied.plus(Duration.ofDays(5));
			this.groups.add(new GroupRow("МТГ «Функциональная грамотность: сквозные задания для 4–6 классов»",
					"Разные подходы к формированию читательской и математической грамотности в начальной и основной "
							+ "школе мешают ученикам при переходе в 5 класс",
					"Банк сквозных практико-ориентированных заданий для 4–6 классов с критериями оценивания и "
							+ "методическими рекомендациями",
					termFrom, this.current.lastDay().minusMonths(3), leader, "created", null, applied, decided,
					distinct(leader, teacherOf(13, "Русский язык и литература"), teacherOf(5, "Начальные классы"),
							teacherOf(6, "Начальные классы"), teacherOf(0, "Математика"))));
			int director = teacherOf(15, "Театральная студия");
			this.groups.add(new GroupRow("МТГ «Школьный театр и музейная педагогика»",
					"Школьные театры и музейные уроки района развиваются порознь, без общего репертуара и маршрутов",
					"Сборник сценариев музейно-театральных занятий и фестиваль школьных театров района",
					this.today.plusDays(14), this.today.plusDays(254), director, "applied", null,
					this.now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS), null,
					distinct(director, teacherOf(13, "История и обществознание"),
							teacherOf(5, "Русский язык и литература"), teacherOf(7, "История и обществознание"))));

			Instant firstProduct = decided.plus(Duration.ofDays(90));
			product(new ProductRow("Банк практико-ориентированных задач по математике для 5–6 классов",
					"methodical_materials", List.of("general"), "Математика", """
							Сорок задач на математическую грамотность с решениями и критериями оценивания: \
							покупки и скидки, маршруты и расписания, план квартиры. Апробированы в трех \
							школах сети.""", DemoCatalogue.WEB + "/cabinet/1", 12, 0, "recommended", firstProduct,
					distinct(leader, teacherOf(5, "Начальные классы"))), teacherOf(0, "Математика"), "recommend",
					"Материалы прошли апробацию в трех школах сети; рекомендуются к публикации в сборнике ИМЦ", 6);
			product(new ProductRow("Видеоурок «Смысловое чтение на уроке биологии: прием «Инсерт»»", "lesson_video",
					List.of("general"), "Биология", """
							Запись урока биологии в 7 классе: чтение научно-популярного текста с пометками \
							«Инсерт», работа в парах, рефлексия. К видео приложена технологическая карта.""",
					DemoCatalogue.WEB + "/cabinet/2", 14, null, "approved", firstProduct.plus(Duration.ofDays(45)),
					distinct(teacherOf(14, "Биология"))), teacherOf(0, "Естественные науки"), "approve",
					"Урок соответствует требованиям ФГОС ООО; включен в виртуальный методический кабинет", 8);
			product(new ProductRow("Диагностическая работа по читательской грамотности для 4 класса",
					"assessment_materials", List.of("primary"), "Начальные классы", """
							Контрольно-измерительные материалы: два варианта по восемь заданий к \
							художественному и информационному тексту, спецификация и кодификатор.""", null, 5, 0,
					"in_review", this.now.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES),
					distinct(teacherOf(5, "Начальные классы"), teacherOf(6, "Начальные классы"))),
					teacherOf(0, "Начальное общее образование"), null, null, 0);
			product(new ProductRow("Лист оценки открытого занятия в детском саду", "assessment_sheet",
					List.of("preschool"), "Дошкольное образование", """
							Критерии оценки открытого занятия по ФОП ДО: организация среды, активность детей, \
							речевое развитие, рефлексия. Для взаимопосещений и аттестации педагогов.""", null, 2, null,
					"submitted", this.now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES),
					distinct(this.staffOf.get(2).get(0))), -1, null, null, 0);
			product(new ProductRow("Проект «Музейные уроки Центрального района»", "project",
					List.of("general", "additional"), "История и обществознание", """
							Цикл из шести уроков истории и литературы в музеях района с маршрутными листами и \
							исследовательскими заданиями для 6–9 классов.""", null, 13, null, "revision",
					this.now.minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MINUTES),
					distinct(teacherOf(13, "История и обществознание"), teacherOf(13, "Русский язык и литература"))),
					teacherOf(0, "Воспитательная работа"), "revise",
					"Добавить технологические карты уроков и критерии оценивания результатов проекта", 7);
		}

		private void product(ProductRow product, int expert, String conclusion, String comments, int days) {
			int index = this.products.size();
			this.products.add(product);
			if (expert < 0) {
				return;
			}
			Instant assigned = product.submittedAt().plus(Duration.ofDays(1));
			if (conclusion == null) {
				this.reviews.add(new ReviewRow(index, expert, minimum(assigned, this.now), null, null, null));
			}
			else {
				this.reviews.add(new ReviewRow(index, expert, assigned, conclusion, comments,
						assigned.plus(Duration.ofDays(days))));
			}
		}

		private OpenMicrophone openMicrophone() {
			List<Integer> presenters = new ArrayList<>();
			for (int organisation : List.of(13, 5, 2, 12)) {
				List<Integer> active = this.staffOf.get(organisation)
					.stream()
					.filter((teacher) -> this.quotas.get(teacher) >= 3)
					.toList();
				List<Integer> from = active.isEmpty() ? this.staffOf.get(organisation) : active;
				presenters.add(from.get(this.random.nextInt(from.size())));
			}
			List<Integer> listeners = new ArrayList<>();
			for (int t = 0; t < this.teachers.size(); t++) {
				if (this.quotas.get(t) >= 3 && !presenters.contains(t)
						&& this.teachers.get(t).organisation() != DemoCatalogue.LAPSED_MEMBER) {
					listeners.add(t);
				}
			}
			Collections.shuffle(listeners, this.random);
			return new OpenMicrophone(List.of(this.staffOf.get(13).get(0), this.staffOf.get(0).get(0)), presenters,
					List.copyOf(listeners.subList(0, Math.min(14, listeners.size()))));
		}

		private int teacherOf(int organisation, String subject) {
			return this.staffOf.get(organisation)
				.stream()
				.filter((teacher) -> subject.equals(this.teachers.get(teacher).subject()))
				.findFirst()
				.orElse(this.staffOf.get(organisation).get(0));
		}

		private String code() {
			String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
			StringBuilder code = new StringBuilder();
			for (int i = 0; i < 8; i++) {
				code.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
			}
			return code.toString();
		}

		/** The responsible person of an organisation, as actor. */
		private String actor(int organisation) {
			return actor(organisation, this.staffOf.get(organisation).get(0));
		}

		private String actor(int organisation, int teacher) {
			return this.teachers.get(teacher).person().shortName() + " ("
					+ DemoCatalogue.ORGANISATIONS.get(organisation).shortName() + ")";
		}

		private String hostActor(EventDraft event) {
			return actor(event.spec.hosts().get(0));
		}

		private Instant at(LocalDate day, LocalTime time) {
			return ZonedDateTime.of(day, time, ZONE).toInstant();
		}

		private static boolean isTermDay(LocalDate day) {
			if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
				return false;
			}
			MonthDay date = MonthDay.from(day);
			boolean summer = day.getMonth() == Month.JUNE || day.getMonth() == Month.JULY
					|| day.getMonth() == Month.AUGUST;
			boolean newYear = date.isAfter(MonthDay.of(12, 28)) || date.isBefore(MonthDay.of(1, 9));
			return !summer && !newYear;
		}

		/** A moment of the working day, between 9:00 and 17:59 in Moscow. */
		private Instant atWork(LocalDate day) {
			return at(day, LocalTime.of(9 + this.random.nextInt(9), this.random.nextInt(60)));
		}

		/** The day itself if people work on it, else the last working day before it. */
		private static LocalDate workdayBefore(LocalDate day) {
			LocalDate workday = day;
			while (!isWorkday(workday)) {
				workday = workday.minusDays(1);
			}
			return workday;
		}

		private static boolean isWorkday(LocalDate day) {
			return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
		}

		/**
		 * The first day from this one on that an event can take place: no weekends, no
		 * New Year break.
		 */
		private static LocalDate eventDay(LocalDate day) {
			LocalDate eventDay = weekday(day);
			while (eventDay.getMonth() == Month.JANUARY && eventDay.getDayOfMonth() <= 8) {
				eventDay = weekday(eventDay.plusDays(1));
			}
			return eventDay;
		}

		/** The day itself if people work on it, else the next working day. */
		private static LocalDate weekday(LocalDate day) {
			LocalDate weekday = day;
			while (!isWorkday(weekday)) {
				weekday = weekday.plusDays(1);
			}
			return weekday;
		}

		private static List<Integer> distinct(Integer... teachers) {
			return List.of(teachers).stream().distinct().toList();
		}

		private static Instant minimum(Instant a, Instant b) {
			return a.isBefore(b) ? a : b;
		}

		private static LocalDate maximum(LocalDate a, LocalDate b) {
			return a.isAfter(b) ? a : b;
		}

		/** An event while it is being planned: its people and requests still growing. */
		private final class EventDraft {

			final int index;

			final DemoCatalogue.Event spec;

			final Instant startsAt;

			final Instant endsAt;

			final Instant created;

			final String place;

			final String link;

			final List<Integer> presenters = new ArrayList<>();

			final List<Integer> requests = new ArrayList<>();

			int attendance;

			EventDraft(int index, DemoCatalogue.Event spec, Instant startsAt, Instant endsAt, Instant created,
					String place, String link) {
				this.index = index;
				this.spec = spec;
				this.startsAt = startsAt;
				this.endsAt = endsAt;
				this.created = created;
				this.place = place;
				this.link = link;
			}

			EventRow row() {
				String state = switch (this.spec.when()) {
					case PAST -> "finished";
					case CANCELLED -> "cancelled";
					case UPCOMING -> "published";
					case DRAFT -> "draft";
				};
				Instant updated = switch (this.spec.when()) {
					case PAST -> this.endsAt.plus(Duration.ofHours(1));
					case CANCELLED -> this.startsAt.minus(Duration.ofDays(5));
					default -> this.created;
				};
				Integer capacity = null;
				if (this.spec.capacity() > 0) {
					// the hall was big enough for everyone who came
					capacity = Math.max(this.spec.capacity(), (this.attendance + 9) / 5 * 5);
				}
				return new EventRow(this.spec.title(), this.spec.format(), this.spec.mode(), this.startsAt, this.endsAt,
						this.place, this.link, capacity, this.spec.description(), state, this.spec.cancelReason(),
						this.created, updated, List.copyOf(this.spec.hosts()), List.copyOf(this.presenters),
						List.copyOf(this.requests));
			}

		}

	}

}
