package org.credence.web;

import io.javalin.config.JavalinConfig;
import java.util.Optional;
import java.util.function.Consumer;
import org.credence.api.ApiServer;
import org.credence.api.Audit;
import org.credence.api.Clients;
import org.credence.store.CatalogStore;
import org.credence.store.RecordStore;
import org.credence.store.Role;

/**
 * The web pages, served by the API's server beside its routes. Every page route is listed here with
 * who may see it; the handlers are plain methods on one class per audience.
 *
 * <pre>
 * public    /  /catalog  /lists/{code}  /organizations  /organizations/{id}
 * sign-in   /sign-in  /sign-out
 * subject   /me  /me/disputes  /me/repairs
 * operator  /console  /console/disputes  /console/repairs  /console/keys
 * </pre>
 */
public final class WebPages {

    private WebPages() {
    }

    /**
     * The pages for {@code backend}; the record and catalog stores give the record details a subject
     * sees in its file and the catalog versions an operator sees.
     */
    public static Consumer<JavalinConfig> routes(ApiServer.Backend backend, RecordStore records, CatalogStore catalogs) {
        Sessions sessions = new Sessions(backend.clock());
        Pages pages = new Pages(sessions, new Render(), backend.clock());
        Audit audit = new Audit(backend.audit(), backend.vault(), backend.clock());
        Assets assets = new Assets();
        PublicPages published = new PublicPages(pages, backend.state(), backend.ids());
        SignIn signIn = new SignIn(pages, new Clients(backend.keys()));
        SubjectPortal portal = new SubjectPortal(pages, backend.state(), backend.rights(), backend.rightsStore(), records,
                backend.ids(), audit);
        Console console = new Console(pages, backend.state(), backend.rights(), backend.rightsStore(), records, catalogs,
                backend.keys(), backend.ids(), audit);
        Optional<Role> anyone = Optional.empty();

        return config -> {
            config.routes.get("/assets/{name}", assets::serve);
            config.routes.get("/assets/licenses/{name}", ctx -> assets.serve(ctx, "licenses/" + ctx.pathParam("name")));

            config.routes.get("/", published::home);
            config.routes.get("/catalog", published::catalog);
            config.routes.get("/lists/{code}", published::list);
            config.routes.get("/organizations", published::organizations);
            config.routes.get("/organizations/{id}", published::organization);

            config.routes.get("/sign-in", signIn::form);
            config.routes.post("/sign-in", Forms.posted(pages, anyone, (ctx, session) -> signIn.submit(ctx)));
            config.routes.post("/sign-out", Forms.posted(pages, anyone, (ctx, session) -> signIn.signOut(ctx)));

            config.routes.get("/me", portal::show);
            config.routes.post("/me/disputes", Forms.posted(pages, Optional.of(Role.SUBJECT), portal::dispute));
            config.routes.post("/me/repairs", Forms.posted(pages, Optional.of(Role.SUBJECT), portal::repair));

            config.routes.get("/console", console::show);
            config.routes.post("/console/disputes", Forms.posted(pages, Optional.of(Role.OPERATOR), console::resolveDispute));
            config.routes.post("/console/repairs", Forms.posted(pages, Optional.of(Role.OPERATOR), console::decideRepair));
            config.routes.post("/console/keys", Forms.posted(pages, Optional.of(Role.OPERATOR), console::createKey));
        };
    }
}
