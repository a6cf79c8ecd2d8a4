package org.centrik.matrix;

import java.util.List;
import java.util.UUID;

import org.centrik.security.Caller;
import org.centrik.security.Grant;
import org.centrik.security.TestAccounts;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.support.Fixtures;

import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A network N (coordinated by K) with member schools A (applicant) and X (executor, with
 * practice P), school B (member, party to nothing), and the admins and coordinator who
 * act for them; every name unique, in a database other tests share.
 */
final class MatrixScene {

	final DatabaseClient database;

	final Fixtures fixtures;

	final TestAccounts users;

	final long network;

	final long coordinatorOrganisation;

	final long applicant;

	final long executor;

	final long bystander;

	final long practice;

	final TestAccounts.Account applicantAdmin;

	final TestAccounts.Account executorAdmin;

	final TestAccounts.Account bystanderAdmin;

	final TestAccounts.Account coordinator;

	MatrixScene(ApplicationContext context) {
		this.database = context.getBean(DatabaseClient.class);
		this.fixtures = new Fixtures(this.database);
		this.users = new TestAccounts(context);
		this.coordinatorOrganisation = this.fixtures.organisation("ИМЦ");
		this.network = this.fixtures.network(this.coordinatorOrganisation);
		this.applicant = this.fixtures.organisation("Школа-заявитель");
		this.executor = this.fixtures.organisation("Лицей-исполнитель");
		this.bystander = this.fixtures.organisation("Школа-наблюдатель");
		this.fixtures.member(this.network, this.applicant);
		this.fixtures.member(this.network, this.executor);
		this.fixtures.member(this.network, this.bystander);
		this.practice = practice(this.executor, "Смысловое чтение " + UUID.randomUUID().toString().substring(0, 6),
				"Функциональная грамотность");
		this.applicantAdmin = this.users.admin(this.applicant);
		this.executorAdmin = this.users.admin(this.executor);
		this.bystanderAdmin = this.users.admin(this.bystander);
		this.coordinator = this.users.coordinator(this.network);
	}

	long practice(long organisation, String title, String direction) {
		return this.database.sql("""
				insert into practices (network_id, organisation_id, title, direction, levels, description, formats)
				values (:network, :organisation, :title, :direction, '{general}', 'Описание', '{master_class}')
				returning id
				""")
			.bind("network", this.network)
			.bind("organisation", organisation)
			.bind("title", title)
			.bind("direction", direction)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	/** Ends the organisation's agreements with the network yesterday. */
	void lapse(long organisation) {
		this.database.sql("""
				update agreements set valid_to = current_date - 1
				where network_id = :network and organisation_id = :organisation
				""").bind("network", this.network).bind("organisation", organisation).then().block();
	}

	Caller asAdmin(TestAccounts.Account account, long organisation) {
		return new Caller(account.id(), account.login(), null, null,
				List.of(Grant.organisationAdmin(new OrganisationId(organisation))), false, null, null);
	}

	Caller asCoordinator() {
		return new Caller(this.coordinator.id(), this.coordinator.login(), null, null,
				List.of(Grant.coordinator(new NetworkId(this.network))), false, null, null);
	}

	NewRequest request(int year) {
		return new NewRequest(UUID.randomUUID(), this.practice, this.applicant, "master_class", null, null, 6,
				"Для учителей истории", year);
	}

	/** An event of the network hosted by the executor. */
	long event() {
		return this.fixtures.liveEvent(this.network, this.executor);
	}

	/** Rows that any call could write for a request: a changed count means it wrote. */
	long writes() {
		return this.database
			.sql("""
					select (select count(*) from requests) + (select count(*) from request_transitions)
					     + (select count(*) from change_log where type <> 'progress.changed') + (select count(*) from event_requests)
					     + (select count(*) from practices) + (select count(*) from organisations)
					     + (select count(*) from agreements) as total
					""")
			.map((row) -> row.get("total", Long.class))
			.one()
			.block();
	}

}
