package org.centrik.network;

import org.centrik.shared.TeacherId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.NetworkId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The network registry as other modules and the API read it.
 */
@Service
public class Registry {

	private final DatabaseClient database;

	Registry(DatabaseClient database) {
		this.database = database;
	}

	public Flux<Network> networks() {
		return this.database.sql("select id, name, level, coordinator_id, description from networks order by id")
			.map((row) -> network(row))
			.all();
	}

	/** The network; fails with a 404 problem when there is none with this id. */
	public Mono<Network> network(NetworkId id) {
		return this.database.sql("select id, name, level, coordinator_id, description from networks where id = :id")
			.bind("id", id.value())
			.map((row) -> network(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("network", id.value())));
	}

	/** Completes when the teacher exists; fails with a 404 problem otherwise. */
	public Mono<Void> requireTeacher(TeacherId id) {
		return this.database.sql("select 1 from teachers where id = :id")
			.bind("id", id.value())
			.map((row) -> true)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", id.value())))
			.then();
	}

	public Flux<Organisation> organisations() {
		return this.database.sql(ORGANISATIONS + " order by name").map((row) -> organisation(row)).all();
	}

	/**
	 * The organisations of these networks (with an agreement, or coordinating one) and
	 * those named.
	 */
	public Flux<Organisation> organisations(Set<NetworkId> networks, Set<OrganisationId> named) {
		return this.database.sql(ORGANISATIONS + """
				 where id in (select organisation_id from agreements where network_id = any(:networks))
				 or id in (select coordinator_id from networks where id = any(:networks))
				 or id = any(:named) order by name
				""")
			.bind("networks", networks.stream().map(NetworkId::value).toArray(Long[]::new))
			.bind("named", named.stream().map(OrganisationId::value).toArray(Long[]::new))
			.map((row) -> organisation(row))
			.all();
	}

	public Mono<Organisation> organisation(OrganisationId id) {
		return this.database.sql(ORGANISATIONS + " where id = :id")
			.bind("id", id.value())
			.map((row) -> organisation(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("organisation", id.value())));
	}

	/**
	 * Whether the organisation has an agreement with the network in force today: only
	 * members file and answer requests.
	 */
	public Mono<Boolean> inForce(NetworkId network, OrganisationId organisation) {
		return this.database
			.sql("select exists (select 1 from agreements where network_id = :network"
					+ " and organisation_id = :organisation and " + IN_FORCE + ") as member")
			.bind("network", network.value())
			.bind("organisation", organisation.value())
			.map((row) -> Boolean.TRUE.equals(row.get("member", Boolean.class)))
			.one();
	}

	/** The agreements of a network, current and lapsed, by organisation and start. */
	public Flux<Agreement> agreements(NetworkId network) {
		return this.database.sql(AGREEMENTS + " where a.network_id = :network order by o.name, a.valid_from")
			.bind("network", network.value())
			.map((row) -> agreement(row))
			.all();
	}

	@Transactional
	Mono<Organisation> add(OrganisationCard card) {
		return this.database.sql("""
				insert into organisations (name, short_name, kind, municipality, address, email, phone, labels,
				    responsible_user_id)
				values (:name, :shortName, :kind, :municipality, :address, :email, :phone, :labels, :responsible)
				returning id
				""")
			.bindValues(values(card))
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((id) -> organisation(new OrganisationId(id)));
	}

	@Transactional
	Mono<Organisation> update(OrganisationId id, OrganisationCard card) {
		return this.database.sql("""
				update organisations set name = :name, short_name = :shortName, kind = :kind,
				    municipality = :municipality, address = :address, email = :email, phone = :phone,
				    labels = :labels, responsible_user_id = :responsible
				where id = :id
				""")
			.bindValues(values(card))
			.bind("id", id.value())
			.fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated == 0) ? Mono.error(new NotFoundException("organisation", id.value()))
					: organisation(id));
	}

	@Transactional
	Mono<Agreement> add(NetworkId network, NewAgreement agreement) {
		return network(network).then(organisation(new OrganisationId(agreement.organisationId())))
			.then(this.database
				.sql("""
						insert into agreements (network_id, organisation_id, number, signed_on, valid_from, valid_to, purpose)
						values (:network, :organisation, :number, :signedOn, :validFrom, :validTo, :purpose)
						returning id
						""")
				.bind("network", network.value())
				.bind("organisation", agreement.organisationId())
				.bind("number", agreement.number().trim())
				.bind("signedOn", agreement.signedOn())
				.bind("validFrom", agreement.validFrom())
				.bindValues(nullable("validTo", agreement.validTo(), "purpose", agreement.purpose()))
				.map((row) -> row.get("id", Long.class))
				.one())
			.flatMap((id) -> this.database.sql(AGREEMENTS + " where a.id = :id")
				.bind("id", id)
				.map((row) -> agreement(row))
				.one());
	}

	private static Map<String, Object> values(OrganisationCard card) {
		Map<String, Object> values = new HashMap<>();
		values.put("name", card.name().trim());
		values.put("kind", card.kind().toLowerCase(java.util.Locale.ROOT));
		values.put("municipality", card.municipality().trim());
		values.put("labels", card.labels().toArray(String[]::new));
		values.put("shortName", org.springframework.r2dbc.core.Parameter.fromOrEmpty(card.shortName(), String.class));
		values.put("address", org.springframework.r2dbc.core.Parameter.fromOrEmpty(card.address(), String.class));
		values.put("email", org.springframework.r2dbc.core.Parameter.fromOrEmpty(card.email(), String.class));
		values.put("phone", org.springframework.r2dbc.core.Parameter.fromOrEmpty(card.phone(), String.class));
		values.put("responsible",
				org.springframework.r2dbc.core.Parameter.fromOrEmpty(card.responsibleUserId(), Long.class));
		return values;
	}

	private static Map<String, Object> nullable(String name, java.time.LocalDate date, String other, String text) {
		Map<String, Object> values = new HashMap<>();
		values.put(name, org.springframework.r2dbc.core.Parameter.fromOrEmpty(date, java.time.LocalDate.class));
		values.put(other, org.springframework.r2dbc.core.Parameter.fromOrEmpty(text, String.class));
		return values;
	}

	private static final String IN_FORCE = "valid_from <= current_date and (valid_to is null or valid_to >= current_date)";

	private static final String AGREEMENTS = """
			select a.id, a.network_id, a.organisation_id, o.name as organisation_name, a.number, a.signed_on,
			       a.valid_from, a.valid_to, a.purpose,
			       (a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)) as in_force
			from agreements a join organisations o on o.id = a.organisation_id
			""";

	private static Agreement agreement(Readable row) {
		return new Agreement(row.get("id", Long.class), row.get("network_id", Long.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				row.get("number", String.class), row.get("signed_on", java.time.LocalDate.class),
				row.get("valid_from", java.time.LocalDate.class), row.get("valid_to", java.time.LocalDate.class),
				row.get("purpose", String.class), Boolean.TRUE.equals(row.get("in_force", Boolean.class)));
	}

	private static final String ORGANISATIONS = "select id, name, short_name, kind, municipality, address, email, phone, labels, responsible_user_id from organisations";

	private static Organisation organisation(Readable row) {
		String[] labels = row.get("labels", String[].class);
		return new Organisation(row.get("id", Long.class), row.get("name", String.class),
				row.get("short_name", String.class),
				Organisation.Kind.valueOf(row.get("kind", String.class).toUpperCase()),
				row.get("municipality", String.class), row.get("address", String.class), row.get("email", String.class),
				row.get("phone", String.class), (labels != null) ? Arrays.asList(labels) : List.of(),
				row.get("responsible_user_id", Long.class));
	}

	private static Network network(Readable row) {
		return new Network(row.get("id", Long.class), row.get("name", String.class),
				Network.Level.valueOf(row.get("level", String.class).toUpperCase()),
				row.get("coordinator_id", Long.class), row.get("description", String.class));
	}

}
