package org.centrik.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code where} clause of a filtered list and its bound values, built from optional
 * filters: a condition is added only when its value is given (not {@code null}, not
 * blank), and a Russian full-text query, when given, is both a condition and the ranking.
 * For the bank of practices, the cabinet and other searchable lists.
 */
public final class SqlFilter {

	private static final String QUERY = "websearch_to_tsquery('russian', :q)";

	private final StringBuilder where;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private boolean ranked;

	/** A filter starting from a fixed condition, e.g. {@code true} or a state. */
	public SqlFilter(String condition) {
		this.where = new StringBuilder(" where ").append(condition);
	}

	/**
	 * Adds {@code and condition} with {@code :name} bound to the value, when there is
	 * one.
	 */
	public SqlFilter and(String condition, String name, Object value) {
		if (value != null && !(value instanceof String text && text.isBlank())) {
			this.where.append(" and ").append(condition);
			this.values.put(name, value);
		}
		return this;
	}

	/**
	 * Matches the text-search column against a Russian query (any word form), when there
	 * is one; the list is then ranked by it.
	 */
	public SqlFilter matching(String searchColumn, String query) {
		if (query != null && !query.isBlank()) {
			this.where.append(" and ").append(searchColumn).append(" @@ ").append(QUERY);
			this.values.put("q", query);
			this.ranked = true;
		}
		return this;
	}

	/**
	 * The clause with its order: by rank first when a query was given, then as given.
	 * @param searchColumn the text-search column ranked by
	 * @param order the order otherwise (and among equal ranks), e.g.
	 * {@code p.title, p.id}
	 */
	public String whereOrderedBy(String searchColumn, String order) {
		return this.where + " order by "
				+ (this.ranked ? "ts_rank(" + searchColumn + ", " + QUERY + ") desc, " + order : order);
	}

	public Map<String, Object> values() {
		return this.values;
	}

}
