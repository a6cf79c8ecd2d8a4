package org.centrik.matrix;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.SqlFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bank of innovative practices, searchable in Russian: PostgreSQL's {@code russian}
 * configuration stems «проектная деятельность» and «проектной деятельности» alike, and a
 * match in the title ranks above one in the direction or the description.
 */
@Service
public class Practices {

	private static final String SELECT = """
			select p.id, p.network_id, p.organisation_id, o.name as organisation_name, p.title, p.direction,
			       p.levels, p.description, p.formats, p.materials_url, p.declared_on
			from practices p join organisations o on o.id = p.organisation_id
			""";

	private final DatabaseClient database;

	Practices(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Practices matching a Russian full-text query (ranked, best first), or all of them
	 * by title when the query is blank.
	 */
	public Flux<Practice> search(String query) {
		return search(new PracticeFilter(query, null, null, null, null, null));
	}

	/**
	 * Practices matching the filter: ranked best first when it has a query, by title
	 * otherwise.
	 */
	public Flux<Practice> search(PracticeFilter filter) {
		SqlFilter where = new SqlFilter("true").matching("p.search", filter.query())
			.and("p.network_id = :network", "network", filter.network())
			.and("p.direction = :direction", "direction", filter.direction())
			.and(":level = any(p.levels)", "level", filter.level())
			.and(":label = any(o.labels)", "label", filter.label())
			.and("p.organisation_id = :organisation", "organisation", filter.organisation());
		return this.database.sql(SELECT + where.whereOrderedBy("p.search", "p.title, p.id"))
			.bindValues(where.values())
			.map((row) -> practice(row))
			.all();
	}

	public Mono<Practice> practice(long id) {
		return this.database.sql(SELECT + " where p.id = :id")
			.bind("id", id)
			.map((row) -> practice(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("practice", id)));
	}

	/** Adds a practice to the bank of its network. */
	@Transactional
	public Mono<Practice> declare(PracticeDeclaration declaration) {
		return this.database.sql("""
				insert into practices (network_id, organisation_id, title, direction, levels, description, formats,
				    materials_url)
				values (:network, :organisation, :title, :direction, :levels, :description, :formats, :materials)
				returning id
				""")
			.bindValues(values(declaration))
			.bind("network", declaration.networkId())
			.bind("organisation", declaration.organisationId())
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap(this::practice);
	}

	/** Rewrites what a practice says; its network and organisation stay. */
	@Transactional
	public Mono<Practice> update(long id, PracticeDeclaration declaration) {
		return this.database.sql("""
				update practices set title = :title, direction = :direction, levels = :levels,
				    description = :description, formats = :formats, materials_url = :materials
				where id = :id
				""").bindValues(values(declaration)).bind("id", id).then().then(practice(id));
	}

	private static Map<String, Object> values(PracticeDeclaration declaration) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("title", declaration.title().trim());
		values.put("direction", declaration.direction().trim());
		values.put("levels", declaration.levels().toArray(String[]::new));
		values.put("description", (declaration.description() != null) ? declaration.description() : "");
		values.put("formats", declaration.formats().toArray(String[]::new));
		values.put("materials", Parameter.fromOrEmpty(declaration.materialsUrl(), String.class));
		return values;
	}

	private static Practice practice(Readable row) {
		return new Practice(row.get("id", Long.class), row.get("network_id", Long.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				row.get("title", String.class), row.get("direction", String.class), list(row, "levels"),
				row.get("description", String.class), list(row, "formats"), row.get("materials_url", String.class),
				row.get("declared_on", LocalDate.class));
	}

	private static List<String> list(Readable row, String column) {
		String[] values = row.get(column, String[].class);
		return (values != null) ? Arrays.asList(values) : List.of();
	}

}
