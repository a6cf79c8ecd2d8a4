package org.centrik.matrix;

import java.util.List;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.network.Registry;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a network's collaboration-matrix topic for a school year: every request
 * with its applicant, executor and state.
 */
@Component
class MatrixSnapshots implements SnapshotSource {

	private final Requests requests;

	private final Registry registry;

	private final Access access;

	MatrixSnapshots(Requests requests, Registry registry, Access access) {
		this.requests = requests;
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
		return this.requests.requests(new RequestFilter(new NetworkId(network), schoolYear, null, null, null))
			.map(MatrixRequest::of)
			.collectList()
			.map((requests) -> new Matrix(network, schoolYear, requests));
	}

	record Matrix(long networkId, int schoolYear, List<MatrixRequest> requests) {
	}

}
