package org.centrik.matrix;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;

/**
 * Which requests of a network to list: each filter is optional ({@code null}) but the
 * network.
 *
 * @param organisation the applicant or the executor
 */
public record RequestFilter(NetworkId network, Integer schoolYear, RequestState state, String direction,
		OrganisationId organisation) {

}
