package org.centrik.matrix;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.centrik.network.Registry;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collaboration matrix of a network for a school year, for its members: as JSON and
 * as XLSX or CSV. Query: {@code year} (default: the current school year), {@code by}
 * ({@code executors}, the default, or {@code practices}), filters {@code direction},
 * {@code state}, {@code organisation} (applicant or executor), and {@code waitDays}
 * (default 14): how long a submitted request may wait for an answer before it needs
 * attention.
 */
@RestController
class MatrixController {

	private final Requests requests;

	private final Registry registry;

	private final Access access;

	MatrixController(Requests requests, Registry registry, Access access) {
		this.requests = requests;
		this.registry = registry;
		this.access = access;
	}

	@GetMapping("/api/networks/{id}/matrix")
	Mono<MatrixView> matrix(@PathVariable long id, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String by, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String state, @RequestParam(required = false) Long organisation,
			@RequestParam(defaultValue = "14") int waitDays, @AuthenticationPrincipal Caller caller) {
		return view(id, year, by, direction, state, organisation, waitDays, caller).map(Matrix::view);
	}

	@GetMapping("/api/networks/{id}/matrix.xlsx")
	Mono<ResponseEntity<byte[]>> matrixXlsx(@PathVariable long id, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String by, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String state, @RequestParam(required = false) Long organisation,
			@RequestParam(defaultValue = "14") int waitDays, @AuthenticationPrincipal Caller caller) {
		return view(id, year, by, direction, state, organisation, waitDays, caller)
			.publishOn(Schedulers.boundedElastic())
			.map((matrix) -> RequestController.file(MatrixExports.matrixXlsx(matrix.view(), matrix.requests()),
					RequestController.XLSX, "matrix-" + id + "-" + matrix.view().schoolYear() + ".xlsx"));
	}

	@GetMapping("/api/networks/{id}/matrix.csv")
	Mono<ResponseEntity<byte[]>> matrixCsv(@PathVariable long id, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String by, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String state, @RequestParam(required = false) Long organisation,
			@RequestParam(defaultValue = "14") int waitDays, @AuthenticationPrincipal Caller caller) {
		return view(id, year, by, direction, state, organisation, waitDays, caller).map((matrix) -> RequestController
			.file(MatrixExports.matrixCsv(matrix.view()).getBytes(StandardCharsets.UTF_8), RequestController.CSV,
					"matrix-" + id + "-" + matrix.view().schoolYear() + ".csv"));
	}

	private Mono<Matrix> view(long id, Integer year, String by, String direction, String state, Long organisation,
			int waitDays, Caller caller) {
		if (waitDays < 0) {
			return Mono.error(new IllegalArgumentException("waitDays cannot be negative."));
		}
		MatrixView.Columns columns = columns(by);
		int schoolYear = RequestController.yearOrCurrent(year);
		RequestFilter filter = RequestController.filter(id, schoolYear, state, direction, organisation);
		NetworkId network = new NetworkId(id);
		return this.registry.network(network)
			.then(this.access.member(caller, network))
			.then(this.requests.requests(filter).collectList())
			.map((list) -> new Matrix(
					MatrixView.of(id, schoolYear, columns, list, Duration.ofDays(waitDays), Instant.now()), list));
	}

	private static MatrixView.Columns columns(String by) {
		try {
			return MatrixView.Columns.of(by);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("by is executors or practices, not " + by + ".");
		}
	}

	private record Matrix(MatrixView view, List<Request> requests) {
	}

}
