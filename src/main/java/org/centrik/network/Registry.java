package org.centrik.network;

import org.centrik.shared.TeacherId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.NetworkId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

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

	private static final String ORGANISATIONS = "select id, name, short_name, kind, municipality, address, labels from organisations";

	private static Organisation organisation(Readable row) {
		String[] labels = row.get("labels", String[].class);
		return new Organisation(row.get("id", Long.class), row.get("name", String.class),
				row.get("short_name", String.class),
				Organisation.Kind.valueOf(row.get("kind", String.class).toUpperCase()),
				row.get("municipality", String.class), row.get("address", String.class),
				(labels != null) ? Arrays.asList(labels) : List.of());
	}

	private static Network network(Readable row) {
		return new Network(row.get("id", Long.class), row.get("name", String.class),
				Network.Level.valueOf(row.get("level", String.class).toUpperCase()),
				row.get("coordinator_id", Long.class), row.get("description", String.class));
	}

}
