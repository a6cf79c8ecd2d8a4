package org.centrik.matrix;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * The bank of innovative practices, searchable in Russian.
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
		if (!StringUtils.hasText(query)) {
			return this.database.sql(SELECT + " order by p.title").map((row) -> practice(row)).all();
		}
		return this.database
			.sql(SELECT + " where p.search @@ websearch_to_tsquery('russian', :q)"
					+ " order by ts_rank(p.search, websearch_to_tsquery('russian', :q)) desc, p.title")
			.bind("q", query)
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
