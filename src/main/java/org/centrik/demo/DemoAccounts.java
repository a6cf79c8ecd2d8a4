package org.centrik.demo;

import java.util.List;

import org.centrik.demo.DemoNetwork.Summary;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import org.centrik.security.Accounts;
import org.centrik.security.Grant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * One account per role in the demo network, so that anyone can log in and look around:
 * the coordinator, an organisation admin, a teacher with centriks on their card, a host
 * of the live event and an expert. They exist only where the demo does; the password is
 * in the README.
 */
class DemoAccounts {

	static final String PASSWORD = "centrik-demo";

	static final List<String> LOGINS = List.of("coordinator@centrik.example", "admin@centrik.example",
			"teacher@centrik.example", "host@centrik.example", "expert@centrik.example");

	private final Accounts accounts;

	private final DatabaseClient database;

	DemoAccounts(Accounts accounts, DatabaseClient database) {
		this.accounts = accounts;
		this.database = database;
	}

	/**
	 * Creates the demo accounts that do not exist yet; makes the host a host of the live
	 * event.
	 */
	Mono<Void> ensure(Summary demo) {
		NetworkId network = demo.network();
		long liveEvent = demo.liveEvent().id().value();
		Mono<Void> coordinator = this.accounts
			.ensure(LOGINS.get(0), PASSWORD, "Координатор сети (демо)", null, List.of(Grant.coordinator(network)))
			.then();
		Mono<Void> admin = firstSchool(network).flatMap((school) -> this.accounts.ensure(LOGINS.get(1), PASSWORD,
				"Администратор школы (демо)", null, List.of(Grant.organisationAdmin(new OrganisationId(school)))))
			.then();
		Mono<Void> teacher = person("""
				select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name
				from teachers t join participations p on p.teacher_id = t.id and p.status = 'present'
				join events e on e.id = p.event_id and e.network_id = :network
				group by t.id order by count(*) desc, t.id limit 1
				""", "network", network.value())
			.flatMap((person) -> this.accounts.ensure(LOGINS.get(2), PASSWORD, person.name(),
					new TeacherId(person.id()), List.of(Grant.teacher())))
			.then();
		Mono<Void> host = person("""
				select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name
				from teachers t join event_hosts h on h.organisation_id = t.organisation_id and h.event_id = :event
				order by t.id desc limit 1
				""", "event", liveEvent)
			.flatMap((person) -> this.accounts.ensure(LOGINS.get(3), PASSWORD, person.name(),
					new TeacherId(person.id()), List.of(Grant.teacher())))
			.flatMap((user) -> this.accounts.makeHost(user, liveEvent));
		Mono<Void> expert = this.accounts
			.ensure(LOGINS.get(4), PASSWORD, "Эксперт методического совета (демо)", null,
					List.of(Grant.expert(network)))
			.then();
		return Flux.concat(coordinator, admin, teacher, host, expert).then();
	}

	private Mono<Long> firstSchool(NetworkId network) {
		return this.database.sql("""
				select o.id from organisations o
				join agreements a on a.organisation_id = o.id and a.network_id = :network
				where o.kind in ('school', 'lyceum', 'gymnasium')
				  and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
				order by o.id limit 1
				""").bind("network", network.value()).map((row) -> row.get("id", Long.class)).one();
	}

	private Mono<Person> person(String sql, String parameter, long value) {
		return this.database.sql(sql)
			.bind(parameter, value)
			.map((row) -> new Person(row.get("id", Long.class), row.get("name", String.class)))
			.one();
	}

	private record Person(long id, String name) {
	}

}
