package org.credence.subject;

import java.util.Optional;

/**
 * A national identifier scheme for one kind of subject. Schemes are pluggable: a deployment outside
 * the reference jurisdiction registers its own in {@link IdSchemes}.
 */
public interface IdScheme {

    SubjectKind kind();

    /** Why {@code id} is not a valid identifier of this scheme, or empty when it is. */
    Optional<String> problem(String id);
}
