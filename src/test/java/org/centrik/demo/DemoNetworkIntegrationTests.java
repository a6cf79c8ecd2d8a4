package org.centrik.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.centrik.demo.DemoNetwork.Summary;
import org.centrik.shared.SchoolYear;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(properties = "centrik.demo.enabled=true")
class DemoNetworkIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	DemoNetwork demoNetwork;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Test
	void startUpLoadedOneDemoNetworkOfTheDistrict() {
		long network = network();
		assertThat(count("select count(*) from demo_network")).isEqualTo(1);
		assertThat(count("select count(*) from networks where name = 'Методическая сеть Центрального района'"))
			.isEqualTo(1);
		assertThat(this.database.sql("""
				select n.level, o.short_name from networks n join organisations o on o.id = n.coordinator_id
				where n.id = :network
				""")
			.bind("network", network)
			.map((row) -> row.get("level") + " " + row.get("short_name"))
			.one()
			.block()).isEqualTo("district ИМЦ Центрального района");
	}

	@Test
	void organisationsOfEveryKindCarryEveryLabelAndOneAgreementHasLapsed() {
		long network = network();
		assertThat(count(MEMBERS + "select count(*) from members", network)).isGreaterThanOrEqualTo(12);
		assertThat(
				strings(MEMBERS + "select distinct o.kind from organisations o join members m on m.id = o.id", network))
			.contains("kindergarten", "school", "lyceum", "gymnasium", "additional_education", "methodical_centre");
		assertThat(
				strings(MEMBERS + "select distinct unnest(o.labels) from organisations o join members m on m.id = o.id",
						network))
			.containsExactlyInAnyOrder("fip", "kip", "kap", "opp", "oou", "cio", "rop");
		assertThat(count("""
				select count(*) from agreements
				where network_id = :network and valid_to < current_date
				""", network)).isEqualTo(1);
		assertThat(count("""
				select count(*) from agreements
				where network_id = :network and valid_from <= current_date
				  and (valid_to is null or valid_to >= current_date)
				""", network)).isGreaterThanOrEqualTo(12);
	}

	@Test
	void teachersHaveFullRussianNamesPositionsAndTheirOwnEmails() {
		long network = network();
		assertThat(count(MEMBERS + """
				select count(*) from teachers t join members m on m.id = t.organisation_id
				where t.middle_name ~ '^[А-Я][а-я]+(вич|вна|ич|ична)$' and t.last_name ~ '^[А-Я][а-я]+$'
				  and t.position is not null and t.email like '%@%.centr.example'
				""", network)).isGreaterThanOrEqualTo(150);
		assertThat(count(
				MEMBERS + """
						select count(*) from teachers t join members m on m.id = t.organisation_id
						where (t.middle_name like '%вна' or t.middle_name like '%ична')
						  and (t.last_name like '%ов' or t.last_name like '%ев' or t.last_name like '%ин' or t.last_name like '%ский')
						""",
				network))
			.as("women with masculine surnames")
			.isZero();
	}

	@Test
	void practicesAreFoundByRussianFullTextSearch() {
		long network = network();
		assertThat(count("select count(*) from practices where network_id = :network", network))
			.isGreaterThanOrEqualTo(20);
		assertThat(count("""
				select count(*) from practices
				where network_id = :network and search @@ websearch_to_tsquery('russian', 'функциональная грамотность')
				""", network)).isGreaterThanOrEqualTo(3);
		assertThat(
				count("""
						select count(*) from practices
						where network_id = :network and search @@ websearch_to_tsquery('russian', 'робототехнику для дошкольников')
						""",
						network))
			.isEqualTo(1);
	}

	@Test
	void requestsAreInEveryStateWithHistoriesThatLeadToIt() {
		long network = network();
		assertThat(count("select count(*) from requests where network_id = :network", network))
			.isGreaterThanOrEqualTo(30);
		assertThat(strings("select distinct state from requests where network_id = :network", network))
			.containsExactlyInAnyOrder("submitted", "accepted", "declined", "scheduled", "delivered", "withdrawn");
		Map<Long, List<Map<String, Object>>> histories = new LinkedHashMap<>();
		this.database.sql("""
				select r.id, r.state, r.decline_reason, r.submitted_at, r.updated_at,
				       t.from_state, t.to_state, t.actor, t.reason, t.at
				from requests r join request_transitions t on t.request_id = r.id
				where r.network_id = :network
				order by r.id, t.at, t.id
				""")
			.bind("network", network)
			.fetch()
			.all()
			.toStream()
			.forEach((row) -> histories.computeIfAbsent((Long) row.get("id"), (id) -> new ArrayList<>()).add(row));
		assertThat(histories)
			.hasSize((int) count("select count(*) from requests where network_id = :network", network));
		Map<String, Set<String>> workflow = Map.of("submitted", Set.of("accepted", "declined", "withdrawn"), "accepted",
				Set.of("scheduled", "withdrawn"), "scheduled", Set.of("delivered"));
		histories.forEach((id, history) -> {
			Map<String, Object> first = history.get(0);
			Map<String, Object> last = history.get(history.size() - 1);
			assertThat(first.get("from_state")).isNull();
			assertThat(first.get("to_state")).isEqualTo("submitted");
			assertThat(first.get("at")).isEqualTo(first.get("submitted_at"));
			for (int i = 1; i < history.size(); i++) {
				String from = (String) history.get(i).get("from_state");
				assertThat(from).isEqualTo(history.get(i - 1).get("to_state"));
				assertThat(workflow.get(from)).contains((String) history.get(i).get("to_state"));
			}
			assertThat(last.get("to_state")).as("request %d", id).isEqualTo(last.get("state"));
			assertThat(last.get("at")).isEqualTo(last.get("updated_at"));
			assertThat(((OffsetDateTime) last.get("at")).toInstant()).isBefore(Instant.now());
			assertThat(history).allMatch((transition) -> !((String) transition.get("actor")).isBlank());
			if ("declined".equals(last.get("state"))) {
				assertThat((String) last.get("decline_reason")).isNotBlank();
			}
		});
	}

	@Test
	void scheduledRequestsAwaitPublishedEventsAndDeliveredOnesWereAnsweredByFinishedEvents() {
		long network = network();
		assertThat(count("""
				select count(*) from requests r
				where r.network_id = :network and r.state in ('scheduled', 'delivered')
				  and (select count(*) from event_requests er where er.request_id = r.id) <> 1
				""", network)).isZero();
		assertThat(count("""
				select count(*) from requests r join event_requests er on er.request_id = r.id
				join events e on e.id = er.event_id
				where r.network_id = :network and not (
				    (r.state = 'delivered' and e.state = 'finished' and e.ends_at < now())
				    or (r.state = 'scheduled' and e.state = 'published' and e.starts_at > now()))
				""", network)).isZero();
		assertThat(
				count("""
						select count(*) from event_requests er join requests r on r.id = er.request_id
						join practices p on p.id = r.practice_id
						where r.network_id = :network and not exists (
						    select 1 from event_hosts h where h.event_id = er.event_id and h.organisation_id = p.organisation_id)
						""",
						network))
			.as("events answering requests hosted by someone else than the executor")
			.isZero();
	}

	@Test
	void eventsOfThePreviousAndTheCurrentSchoolYearHaveHostsPresentersAndAPlaceOrLink() {
		long network = network();
		SchoolYear current = SchoolYear.of(LocalDate.now(DemoPlanner.ZONE));
		assertThat(count("select count(*) from events where network_id = :network", network))
			.isGreaterThanOrEqualTo(15);
		assertThat(count("""
				select count(*) from events
				where network_id = :network and state = 'finished'
				  and (starts_at at time zone 'Europe/Moscow')::date between :from and :to
				""", network, current.previous().firstDay(), current.previous().lastDay())).isPositive();
		assertThat(count("""
				select count(*) from events
				where network_id = :network and (starts_at at time zone 'Europe/Moscow')::date between :from and :to
				""", network, current.firstDay(), current.lastDay())).isPositive();
		assertThat(strings("select distinct state from events where network_id = :network", network))
			.contains("finished", "published", "live", "cancelled");
		assertThat(count("""
				select count(*) from events e where e.network_id = :network and (
				    not exists (select 1 from event_hosts h where h.event_id = e.id)
				    or not exists (select 1 from event_presenters p where p.event_id = e.id))
				""", network)).isZero();
	}

	@Test
	void attendanceIsRecordedWithinEachEventsWindowAndPresentersArePresenters() {
		long network = network();
		assertThat(count("""
				select count(*) from participations p join events e on e.id = p.event_id
				where e.network_id = :network and e.ends_at < now()
				""", network)).isGreaterThanOrEqualTo(500);
		assertThat(count("""
				select count(*) from participations p join events e on e.id = p.event_id
				where e.network_id = :network and (
				    p.recorded_at < e.starts_at - e.check_in_opens_before
				    or p.recorded_at > e.ends_at + e.check_in_closes_after
				    or (p.role = 'presenter') <> exists (
				        select 1 from event_presenters ep where ep.event_id = e.id and ep.teacher_id = p.teacher_id))
				""", network)).isZero();
		assertThat(strings("""
				select distinct p.method from participations p join events e on e.id = p.event_id
				where e.network_id = :network
				""", network)).containsExactlyInAnyOrder("qr", "code_word", "link", "host_marked", "import");
	}

	@Test
	void anEventIsLiveNowWithHostsAndPresenters() {
		long network = network();
		assertThat(count("""
				select count(*) from events e
				where e.network_id = :network and e.state = 'live' and e.starts_at <= now() and now() < e.ends_at
				  and exists (select 1 from event_hosts h where h.event_id = e.id)
				  and exists (select 1 from event_presenters p where p.event_id = e.id)
				""", network)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void someTeachersHoldThreeCentriksWithinThreeSchoolYearsAndSomeExactlyTwo() {
		long network = network();
		LocalDate since = SchoolYear.of(LocalDate.now(DemoPlanner.ZONE)).minus(2).firstDay();
		String centriks = """
				select count(*) from (
				    select p.teacher_id from participations p join events e on e.id = p.event_id
				    where e.network_id = :network and p.status = 'present' and e.starts_at >= :since
				      and e.starts_at <= now()
				    group by p.teacher_id having count(*) %s) eligible
				""";
		assertThat(count(centriks.formatted(">= 3"), network, since)).isGreaterThanOrEqualTo(10);
		assertThat(count(centriks.formatted("= 2"), network, since)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void loadingAgainChangesNothing() {
		Map<String, Object> before = snapshot();
		Summary summary = this.demoNetwork.load().block(WAIT);
		assertThat(summary.loadedNow()).isFalse();
		assertThat(summary.liveEvent().openedNow()).isFalse();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void loadingTwiceConcurrentlyChangesNothing() {
		Map<String, Object> before = snapshot();
		List<Summary> summaries = Mono.zip(this.demoNetwork.load(), this.demoNetwork.load())
			.map((both) -> List.of(both.getT1(), both.getT2()))
			.block(WAIT);
		assertThat(summaries).noneMatch(Summary::loadedNow).noneMatch((summary) -> summary.liveEvent().openedNow());
		assertThat(summaries.get(0).counts()).isEqualTo(summaries.get(1).counts());
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void liveEventIsOpenedWhenTheLastOneHasEndedAndReusedWithinItsWindow() {
		long network = network();
		Instant lastEnd = this.database
			.sql("select max(ends_at) as last_end from events where network_id = :network and state = 'live'")
			.bind("network", network)
			.map((row) -> row.get("last_end", Instant.class))
			.one()
			.block();
		long live = count("select count(*) from events where network_id = :network and state = 'live'", network);
		Instant later = lastEnd.plus(Duration.ofHours(1));

		Summary opened = demoNetworkAt(later).load().block(WAIT);
		assertThat(opened.loadedNow()).isFalse();
		assertThat(opened.liveEvent().openedNow()).isTrue();
		assertThat(opened.liveEvent().startsAt()).isBefore(later);
		assertThat(opened.liveEvent().endsAt()).isAfter(later);
		assertThat(count("select count(*) from events where network_id = :network and state = 'live'", network))
			.isEqualTo(live + 1);

		Summary reused = demoNetworkAt(later.plus(Duration.ofHours(2))).load().block(WAIT);
		assertThat(reused.liveEvent().openedNow()).isFalse();
		assertThat(reused.liveEvent().id()).isEqualTo(opened.liveEvent().id());
		assertThat(count("select count(*) from events where network_id = :network and state = 'live'", network))
			.isEqualTo(live + 1);
	}

	@Test
	void restartWithinTheLiveEventsWindowOpensNoOther() {
		long network = network();
		Summary now = this.demoNetwork.load().block(WAIT);
		long live = count("select count(*) from events where network_id = :network and state = 'live'", network);

		Summary nearItsEnd = demoNetworkAt(now.liveEvent().endsAt().minus(Duration.ofMinutes(1))).load().block(WAIT);
		assertThat(nearItsEnd.liveEvent().openedNow()).isFalse();
		assertThat(nearItsEnd.liveEvent().id()).isEqualTo(now.liveEvent().id());
		assertThat(count("select count(*) from events where network_id = :network and state = 'live'", network))
			.isEqualTo(live);
	}

	private DemoNetwork demoNetworkAt(Instant instant) {
		return new DemoNetwork(this.database, this.transactionManager, Clock.fixed(instant, ZoneOffset.UTC));
	}

	private static final String MEMBERS = """
			with members as (
			    select coordinator_id as id from networks where id = :network
			    union select organisation_id from agreements where network_id = :network)
			""";

	private long network() {
		return this.database.sql("select network_id from demo_network")
			.map((row) -> row.get("network_id", Long.class))
			.one()
			.block();
	}

	/** How many rows the demo network has in each table. */
	private Map<String, Object> snapshot() {
		return this.database.sql(MEMBERS + """
				select (select count(*) from demo_network) as markers,
				       (select count(*) from networks) as networks,
				       (select count(*) from members) as organisations,
				       (select count(*) from agreements where network_id = :network) as agreements,
				       (select count(*) from teachers t join members m on m.id = t.organisation_id) as teachers,
				       (select count(*) from practices where network_id = :network) as practices,
				       (select count(*) from requests where network_id = :network) as requests,
				       (select count(*) from request_transitions t join requests r on r.id = t.request_id
				        where r.network_id = :network) as transitions,
				       (select count(*) from events where network_id = :network) as events,
				       (select count(*) from event_hosts h join events e on e.id = h.event_id
				        where e.network_id = :network) as hosts,
				       (select count(*) from event_presenters p join events e on e.id = p.event_id
				        where e.network_id = :network) as presenters,
				       (select count(*) from event_requests r join events e on e.id = r.event_id
				        where e.network_id = :network) as answers,
				       (select count(*) from event_registrations r join events e on e.id = r.event_id
				        where e.network_id = :network) as registrations,
				       (select count(*) from participations p join events e on e.id = p.event_id
				        where e.network_id = :network) as participations,
				       (select count(*) from participation_corrections) as corrections,
				       (select count(*) from creative_groups where network_id = :network) as groups,
				       (select count(*) from products where network_id = :network) as products,
				       (select count(*) from reviews) as reviews
				""").bind("network", network()).fetch().one().block();
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private long count(String sql, long network) {
		return this.database.sql(sql).bind("network", network).map((row) -> row.get(0, Long.class)).one().block();
	}

	private long count(String sql, long network, LocalDate since) {
		return this.database.sql(sql)
			.bind("network", network)
			.bind("since", since)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private long count(String sql, long network, LocalDate from, LocalDate to) {
		return this.database.sql(sql)
			.bind("network", network)
			.bind("from", from)
			.bind("to", to)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private List<String> strings(String sql, long network) {
		return this.database.sql(sql)
			.bind("network", network)
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
	}

}
