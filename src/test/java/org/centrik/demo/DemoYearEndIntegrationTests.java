package org.centrik.demo;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.centrik.security.TestAccounts;
import org.centrik.security.TestAccounts.Account;
import org.centrik.shared.SchoolYear;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo network's year end: its eligible teachers get their certificates, presenters
 * as «Сетевой педагог», and its teachers one centrik short are warned.
 */
// without the demo's pulse: a check-in between counting and the preview would move a
// teacher from one centrik to two (one short) under the test's feet
@IntegrationTest(properties = { "centrik.demo.enabled=true", "centrik.demo.pulse.enabled=false" })
class DemoYearEndIntegrationTests {

	/**
	 * Teachers of the network by their centriks in the three school years up to the
	 * current one (the demo has no certificate before).
	 */
	private static final String CENTRIKS = """
			select p.teacher_id from participations p join events e on e.id = p.event_id
			where e.network_id = :network and p.status = 'present' and e.state <> 'cancelled'
			  and (e.starts_at at time zone e.time_zone)::date between :from and :to
			group by p.teacher_id having %s
			""";

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Test
	void theDemoYearEndCertifiesTheEligibleTeachersOnceAndWarnsThoseOneShort() {
		long network = this.database.sql("select network_id from demo_network")
			.map((row) -> row.get("network_id", Long.class))
			.one()
			.block();
		Account coordinator = new TestAccounts(this.context).coordinator(network);
		SchoolYear year = SchoolYear.of(java.time.LocalDate.now(DemoPlanner.ZONE));
		Set<Long> eligibleBefore = teachers(network, year, "count(*) >= 3");
		Set<Long> twoCentriks = teachers(network, year, "count(*) = 2");
		Set<Long> withRed = teachers(network, year, "count(*) >= 3 and bool_or(p.role = 'presenter')");

		JsonNode preview = post(coordinator, network, "preview");
		assertThat(ids(preview.get("oneShort"))).isNotEmpty().isSubsetOf(twoCentriks);

		JsonNode first = post(coordinator, network, "run");
		Set<Long> issued = ids(first.get("certificates"));
		Set<Long> eligibleAfter = teachers(network, year, "count(*) >= 3");
		// the demo's pulse may check someone in meanwhile: between the two counts
		assertThat(issued).hasSizeGreaterThanOrEqualTo(10).containsAll(eligibleBefore).isSubsetOf(eligibleAfter);
		Set<Long> networkTeachers = new HashSet<>();
		first.get("certificates")
			.forEach((award) -> assertThat(award.get("kind").asString()).isEqualTo(
					withRed.contains(award.get("teacherId").asLong()) ? "network_teacher" : "teacher_certificate"));
		first.get("certificates").forEach((award) -> {
			if (award.get("kind").asString().equals("network_teacher")) {
				networkTeachers.add(award.get("teacherId").asLong());
			}
		});
		assertThat(networkTeachers).isNotEmpty().hasSizeLessThan(issued.size());

		JsonNode second = post(coordinator, network, "run");
		assertThat(ids(second.get("certificates"))).doesNotContainAnyElementsOf(issued);
		assertThat(ids(second.get("alreadyIssued"))).containsAll(issued);
		long certificates = this.database
			.sql("select count(*) from certificates where network_id = :network and school_year = :year")
			.bind("network", network)
			.bind("year", year.startYear())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(certificates).isEqualTo(issued.size() + second.get("certificates").size());

		// the lyceum's open day makes it a «Сетевая площадка» (once the year has term
		// days)
		if (java.time.LocalDate.now(DemoPlanner.ZONE).isAfter(year.firstDay().plusDays(10))) {
			JsonNode platform = null;
			for (JsonNode proposal : second.get("platforms")) {
				if (proposal.get("met").asBoolean()) {
					platform = proposal;
				}
			}
			assertThat(platform).as("a proposed «Сетевая площадка» in %s", second.get("platforms")).isNotNull();
			assertThat(platform.get("organisationName").asString()).contains("лицей");
			assertThat(platform.get("certifiedPresenters")).hasSizeGreaterThanOrEqualTo(3);
			JsonNode confirmed = post(coordinator, network,
					"../platform-status/" + platform.get("organisationId").asLong() + "/confirm");
			assertThat(confirmed.at("/certificate/kind").asString()).isEqualTo("network_platform");
		}
	}

	private Set<Long> teachers(long network, SchoolYear year, String having) {
		return this.database.sql(CENTRIKS.formatted(having))
			.bind("network", network)
			.bind("from", year.minus(2).firstDay())
			.bind("to", year.lastDay())
			.map((row) -> row.get("teacher_id", Long.class))
			.all()
			.collect(Collectors.toSet())
			.block();
	}

	private JsonNode post(Account coordinator, long network, String step) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(java.time.Duration.ofSeconds(60))
			.build()
			.post()
			.uri(java.net.URI.create("/api/networks/" + network + "/year-end/" + step).normalize().toString())
			.headers(coordinator::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static Set<Long> ids(JsonNode awards) {
		return awards.findValues("teacherId").stream().map(JsonNode::asLong).collect(Collectors.toSet());
	}

}
