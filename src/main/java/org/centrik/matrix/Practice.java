package org.centrik.matrix;

import java.time.LocalDate;
import java.util.List;

/**
 * An innovative practice an organisation declares it can share: an entry of the bank of
 * innovative programmes.
 */
public record Practice(long id, long networkId, long organisationId, String organisationName, String title,
		String direction, List<String> levels, String description, List<String> formats, String materialsUrl,
		LocalDate declaredOn) {

}
