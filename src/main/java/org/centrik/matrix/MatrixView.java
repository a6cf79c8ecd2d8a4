package org.centrik.matrix;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The collaboration matrix of a network for a school year as a table: applicants in rows,
 * executors (or practices) in columns, each cell the requests between them, with row and
 * column totals and the requests that need attention.
 *
 * @param by {@code executors} or {@code practices}: what the columns are
 * @param states how many requests are in each state, every state listed
 * @param attention requests waiting for an answer longer than the limit, and accepted
 * requests that no event answers yet, the oldest first
 */
record MatrixView(long networkId, int schoolYear, String by, List<Header> rows, List<Header> columns, List<Cell> cells,
		int total, Map<String, Integer> states, List<Attention> attention) {

	/** What the columns of the matrix are. */
	enum Columns {

		EXECUTORS, PRACTICES;

		static Columns of(String value) {
			return (value == null || value.isBlank()) ? EXECUTORS : valueOf(value.trim().toUpperCase(Locale.ROOT));
		}

	}

	/**
	 * A row or a column.
	 *
	 * @param detail for a practice, its executor's name; otherwise {@code null}
	 */
	record Header(long id, String name, String detail, int total) {
	}

	/** The requests of one applicant to one executor (or for one practice). */
	record Cell(long applicantId, long columnId, int total, Map<String, Integer> states, List<MatrixRequest> requests) {
	}

	/**
	 * A request that needs someone to act.
	 *
	 * @param reason {@code no_answer} (submitted, the executor has not answered) or
	 * {@code no_event} (accepted, no event answers it yet)
	 * @param days how long it has been waiting, in whole days
	 */
	record Attention(String reason, long days, MatrixRequest request) {
	}

	static MatrixView of(long networkId, int schoolYear, Columns by, List<Request> requests, Duration waitLimit,
			Instant now) {
		Function<Request, Long> column = (by == Columns.PRACTICES) ? Request::practiceId : Request::executorId;
		Map<Long, Header> rows = new TreeMap<>();
		Map<Long, Header> columns = new TreeMap<>();
		Map<List<Long>, List<Request>> cells = new LinkedHashMap<>();
		List<Attention> attention = new ArrayList<>();
		for (Request request : requests) {
			rows.merge(request.applicantId(), new Header(request.applicantId(), request.applicantName(), null, 1),
					MatrixView::plusOne);
			Header header = (by == Columns.PRACTICES)
					? new Header(request.practiceId(), request.practiceTitle(), request.executorName(), 1)
					: new Header(request.executorId(), request.executorName(), null, 1);
			columns.merge(column.apply(request), header, MatrixView::plusOne);
			cells.computeIfAbsent(List.of(request.applicantId(), column.apply(request)), (key) -> new ArrayList<>())
				.add(request);
			Attention needed = attention(request, waitLimit, now);
			if (needed != null) {
				attention.add(needed);
			}
		}
		attention.sort(Comparator.comparingLong(Attention::days).reversed());
		List<Cell> cellList = cells.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<List<Long>, List<Request>> entry) -> entry.getKey().get(0))
				.thenComparing((entry) -> entry.getKey().get(1)))
			.map((entry) -> new Cell(entry.getKey().get(0), entry.getKey().get(1), entry.getValue().size(),
					states(entry.getValue()), entry.getValue().stream().map(MatrixRequest::of).toList()))
			.toList();
		Comparator<Header> byName = Comparator.comparing(Header::name).thenComparingLong(Header::id);
		return new MatrixView(networkId, schoolYear, by.name().toLowerCase(Locale.ROOT),
				rows.values().stream().sorted(byName).toList(), columns.values().stream().sorted(byName).toList(),
				cellList, requests.size(), states(requests), attention);
	}

	private static Attention attention(Request request, Duration waitLimit, Instant now) {
		if (request.state() == RequestState.SUBMITTED
				&& Duration.between(request.submittedAt(), now).compareTo(waitLimit) > 0) {
			return new Attention("no_answer", Duration.between(request.submittedAt(), now).toDays(),
					MatrixRequest.of(request));
		}
		if (request.state() == RequestState.ACCEPTED) {
			return new Attention("no_event", Duration.between(request.updatedAt(), now).toDays(),
					MatrixRequest.of(request));
		}
		return null;
	}

	private static Header plusOne(Header header, Header one) {
		return new Header(header.id(), header.name(), header.detail(), header.total() + 1);
	}

	private static Map<String, Integer> states(List<Request> requests) {
		Map<RequestState, Integer> counts = new EnumMap<>(RequestState.class);
		for (RequestState state : RequestState.values()) {
			counts.put(state, 0);
		}
		requests.forEach((request) -> counts.merge(request.state(), 1, Integer::sum));
		Map<String, Integer> states = new LinkedHashMap<>();
		counts.forEach((state, count) -> states.put(state.code(), count));
		return states;
	}

}
