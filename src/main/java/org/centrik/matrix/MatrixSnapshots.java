package org.centrik.matrix;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.shared.NetworkId;
import org.centrik.network.Registry;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The state of a network's collaboration-matrix topic for a school year: every request
 * with its applicant, executor and state.
 */
@Component
class MatrixSnapshots implements SnapshotSource {

	private final DatabaseClient database;

	private final Registry registry;

	private final Access access;

	MatrixSnapshots(DatabaseClient database, Registry registry, Access access) {
		this.database = database;
		this.registry = registry;
		this.access = access;
	}

	@Override
	public String kind() {
		return "matrix";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.registry.network(new NetworkId(topic.key(0))).then();
	}

	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return verify(topic).then(this.access.member(caller, new NetworkId(topic.key(0))));
	}

	@Override
	public Mono<Matrix> snapshot(Topic topic) {
		long network = topic.key(0);
		int schoolYear = (int) topic.key(1);
		return this.database.sql("""
				select r.id, r.practice_id, p.title as practice_title, r.applicant_id, a.name as applicant_name,
				       p.organisation_id as executor_id, x.name as executor_name, r.state, r.desired_format,
				       r.teachers_count, r.submitted_at, r.updated_at
				from requests r
				join practices p on p.id = r.practice_id
				join organisations a on a.id = r.applicant_id
				join organisations x on x.id = p.organisation_id
				where r.network_id = :network and r.school_year = :year
				order by r.id
				""")
			.bind("network", network)
			.bind("year", schoolYear)
			.map((row) -> request(row))
			.all()
			.collectList()
			.map((requests) -> new Matrix(network, schoolYear, requests));
	}

	private static MatrixRequest request(Readable row) {
		return new MatrixRequest(row.get("id", Long.class), row.get("practice_id", Long.class),
				row.get("practice_title", String.class), row.get("applicant_id", Long.class),
				row.get("applicant_name", String.class), row.get("executor_id", Long.class),
				row.get("executor_name", String.class), row.get("state", String.class),
				row.get("desired_format", String.class), row.get("teachers_count", Integer.class),
				row.get("submitted_at", Instant.class), row.get("updated_at", Instant.class));
	}

	record Matrix(long networkId, int schoolYear, List<MatrixRequest> requests) {
	}

	/** One request as a cell of the matrix shows it. */
	record MatrixRequest(long id, long practiceId, String practiceTitle, long applicantId, String applicantName,
			long executorId, String executorName, String state, String desiredFormat, Integer teachersCount,
			Instant submittedAt, Instant updatedAt) {
	}

}
