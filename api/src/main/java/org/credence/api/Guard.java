package org.credence.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.EnumSet;
import java.util.Set;
import org.credence.store.ApiKey;
import org.credence.store.Role;

/**
 * Authentication and role checks in front of a handler: 401 without a valid key, 403 when the key's
 * role is not among those the route admits. Scope (which record types, which actions) is the
 * handler's to check, since only it knows what the request is about.
 */
final class Guard {

    /** A handler that is told which client is calling. */
    @FunctionalInterface
    interface ClientHandler {
        void handle(Context ctx, ApiKey client) throws Exception;
    }

    private final Clients clients;

    Guard(Clients clients) {
        this.clients = clients;
    }

    Handler admit(Set<Role> roles, ClientHandler handler) {
        Set<Role> admitted = EnumSet.copyOf(roles);
        return ctx -> handler.handle(ctx, client(ctx.header("Authorization"), admitted, ctx.method().name(), ctx.path()));
    }

    /**
     * The client whose key is in {@code authorization} (the header's value, or null), if its role is
     * among {@code admitted}; {@code method} and {@code path} name the request in a refusal.
     */
    ApiKey client(String authorization, Set<Role> admitted, String method, String path) {
        ApiKey client = authenticate(authorization);
        if (!admitted.contains(client.role())) {
            String role = client.role().code();
            throw new ApiError(403, "forbidden", ("aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ") + role + " key may not "
                    + method + " " + path);
        }
        return client;
    }

    /**
     * Like {@link #admit}, for routes about one subject ({@code {id}} in the path): a subject key is
     * admitted too, but only to its own subject.
     */
    Handler admitSelf(Set<Role> roles, ClientHandler handler) {
        Set<Role> admitted = EnumSet.copyOf(roles);
        admitted.add(Role.SUBJECT);
        return admit(admitted, (ctx, client) -> {
            if (client.role() == Role.SUBJECT && !client.subject().orElseThrow().equals(ctx.pathParam("id"))) {
                throw new ApiError(403, "forbidden", "a subject key may act only on its own subject");
            }
            handler.handle(ctx, client);
        });
    }

    private ApiKey authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "unauthenticated", "an API key is required: Authorization: Bearer KEY");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw new ApiError(401, "unauthenticated", "the Authorization header must be 'Bearer KEY'");
        }
        return clients.recognise(header.substring(7).strip())
                .orElseThrow(() -> new ApiError(401, "unauthenticated", "the API key is not valid"));
    }
}
