package org.centrik.security;

import java.util.Set;

import org.centrik.shared.NetworkId;

/**
 * The networks a caller is a member of: every network for a coordinator of the
 * installation, otherwise those named.
 *
 * @param all whether every network of the installation is in reach
 * @param networks the networks in reach when not all
 */
public record Reach(boolean all, Set<NetworkId> networks) {

	public Reach {
		networks = Set.copyOf(networks);
	}

	public boolean includes(NetworkId network) {
		return this.all || this.networks.contains(network);
	}

	/** The network ids, for an SQL {@code = any(:networks)}; meaningless when all. */
	public Long[] ids() {
		return this.networks.stream().map(NetworkId::value).toArray(Long[]::new);
	}

}
