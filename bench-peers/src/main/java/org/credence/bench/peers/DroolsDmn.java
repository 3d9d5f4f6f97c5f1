package org.credence.bench.peers;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.scoring.Rulebook;
import org.credence.scoring.Standing;
import org.credence.scoring.SubjectHistory;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.io.ResourceFactory;

/**
 * The catalog's measures compiled by Drools (Apache KIE) DMN, and evaluated for a subject's status.
 * Built straight from the DMN text with {@link DMNRuntimeBuilder}, no kjar or KieContainer: the
 * cheapest start a Drools user has, and the same engine a KieContainer would run.
 */
public final class DroolsDmn {

    /**
     * What a Drools user would hand the model for one subject: the lists it is on and its points on
     * the day asked, computed beforehand from the same history Credence decides on.
     */
    public record Status(List<String> lists, BigDecimal points) {
    }

    private final DMNRuntime runtime;
    private final DMNModel model;

    public DroolsDmn(Catalog catalog) {
        Resource resource = ResourceFactory.newReaderResource(new StringReader(DmnCatalog.xml(catalog)), "UTF-8");
        resource.setSourcePath("credence-measures.dmn");
        runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration().fromResources(List.of(resource))
                .getOrElseThrow(e -> new IllegalStateException("the DMN model does not compile", e));
        model = runtime.getModel(DmnCatalog.NAMESPACE, DmnCatalog.MODEL);
        if (model == null || model.hasErrors()) {
            throw new IllegalStateException("the DMN model has errors: " + (model == null ? "not found" : model.getMessages()));
        }
    }

    /** The status of a subject with history {@code h} on {@code date}: list codes and points. */
    public static Status status(Rulebook rulebook, SubjectHistory h, LocalDate date) {
        List<String> lists = rulebook.memberships(h, date).stream()
                .map(Standing.Membership::list).map(CreditList::code).toList();
        return new Status(lists, BigDecimal.valueOf(rulebook.points(h, (int) date.toEpochDay())));
    }

    /** Evaluates both decisions for one subject and action; the result holds {@code measures} and {@code outcome}. */
    public DMNResult evaluate(String action, Status status) {
        DMNContext context = runtime.newContext();
        context.set("action", action);
        context.set("lists", status.lists());
        context.set("points", status.points());
        return runtime.evaluateAll(model, context);
    }

    /** The outcome code ({@code allow}, {@code review}, {@code deny}) of a result. */
    public static String outcome(DMNResult result) {
        DMNDecisionResult outcome = result.getDecisionResultByName("outcome");
        if (outcome.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            throw new IllegalStateException("outcome not evaluated: " + result.getMessages());
        }
        return (String) outcome.getResult();
    }

    /** The codes of the measures a result applies, in table order. */
    public static List<String> measures(DMNResult result) {
        Object value = result.getDecisionResultByName("measures").getResult();
        if (value == null) {
            return List.of();
        }
        return ((List<?>) value).stream().map(row -> (String) ((Map<?, ?>) row).get("code")).toList();
    }
}
