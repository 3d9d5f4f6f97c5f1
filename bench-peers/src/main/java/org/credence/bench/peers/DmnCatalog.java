package org.credence.bench.peers;

import java.util.List;
import org.credence.catalog.Catalog;
import org.credence.catalog.GradeCondition;
import org.credence.catalog.Measure;
import org.credence.catalog.Trigger;

/**
 * A catalog's measures as a DMN 1.5 model, the way a team running Drools would write the policy:
 * the subject's status comes in as input data ({@code action}, the codes of the {@code lists} it is on
 * today, its {@code points} today), one COLLECT decision table {@code measures} has a rule per catalog
 * measure (action equals, list contained, points in the grade condition's band) yielding the measure's
 * code and effect, and the literal decision {@code outcome} folds the effects as Credence does: deny
 * if any measure denies, else review if any asks for review, else allow.
 *
 * <p>Grade conditions are written as bands of points ({@link GradeCondition#band}) rather than grade
 * names, because that is how the catalog defines them; the table then needs no grade ordering.
 */
public final class DmnCatalog {

    static final String NAMESPACE = "https://credence.example/dmn/peers";
    static final String MODEL = "credence-measures";

    private DmnCatalog() {
    }

    /** The DMN XML for {@code catalog}'s measures. */
    public static String xml(Catalog catalog) {
        StringBuilder rules = new StringBuilder();
        List<Measure> measures = catalog.measures();
        for (int k = 0; k < measures.size(); k++) {
            Measure m = measures.get(k);
            String list = "-";
            String points = "-";
            switch (m.when()) {
                case Trigger.OnList onList -> list = "list contains(?, " + feelString(onList.list()) + ")";
                case GradeCondition grade -> points = band(grade.band(catalog.scale()));
            }
            rules.append("""
                          <rule id="r%1$d">
                            <inputEntry id="r%1$d-action"><text>%2$s</text></inputEntry>
                            <inputEntry id="r%1$d-lists"><text>%3$s</text></inputEntry>
                            <inputEntry id="r%1$d-points"><text>%4$s</text></inputEntry>
                            <outputEntry id="r%1$d-code"><text>%5$s</text></outputEntry>
                            <outputEntry id="r%1$d-effect"><text>%6$s</text></outputEntry>
                          </rule>
                    """.formatted(k, xmlText(feelString(m.action())), xmlText(list), xmlText(points),
                    xmlText(feelString(m.code())), xmlText(feelString(effect(m.effect())))));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/"
                             id="credence-measures" name="%1$s" namespace="%2$s">
                  <itemDefinition name="tLists" isCollection="true"><typeRef>string</typeRef></itemDefinition>
                  <inputData id="in-action" name="action"><variable name="action" typeRef="string"/></inputData>
                  <inputData id="in-lists" name="lists"><variable name="lists" typeRef="tLists"/></inputData>
                  <inputData id="in-points" name="points"><variable name="points" typeRef="number"/></inputData>
                  <decision id="d-measures" name="measures">
                    <variable name="measures"/>
                    <informationRequirement id="ir-m-action"><requiredInput href="#in-action"/></informationRequirement>
                    <informationRequirement id="ir-m-lists"><requiredInput href="#in-lists"/></informationRequirement>
                    <informationRequirement id="ir-m-points"><requiredInput href="#in-points"/></informationRequirement>
                    <decisionTable id="dt-measures" hitPolicy="COLLECT">
                      <input id="i-action" label="action"><inputExpression typeRef="string"><text>action</text></inputExpression></input>
                      <input id="i-lists" label="lists"><inputExpression typeRef="tLists"><text>lists</text></inputExpression></input>
                      <input id="i-points" label="points"><inputExpression typeRef="number"><text>points</text></inputExpression></input>
                      <output id="o-code" name="code" typeRef="string"/>
                      <output id="o-effect" name="effect" typeRef="string"/>
                %3$s    </decisionTable>
                  </decision>
                  <decision id="d-outcome" name="outcome">
                    <variable name="outcome" typeRef="string"/>
                    <informationRequirement id="ir-o-measures"><requiredDecision href="#d-measures"/></informationRequirement>
                    <literalExpression id="le-outcome">
                      <text>if list contains(measures.effect, "deny") then "deny" else if list contains(measures.effect, "review") then "review" else "allow"</text>
                    </literalExpression>
                  </decision>
                </definitions>
                """.formatted(MODEL, NAMESPACE, rules);
    }

    /** The effect as the table writes it: the same lower-case words as Credence's outcome codes. */
    static String effect(Measure.Effect effect) {
        return effect.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String band(GradeCondition.PointsBand band) {
        if (band.min() == Integer.MIN_VALUE && band.below() == Integer.MAX_VALUE) {
            return "-";
        }
        if (band.min() == Integer.MIN_VALUE) {
            return "< " + band.below();
        }
        if (band.below() == Integer.MAX_VALUE) {
            return ">= " + band.min();
        }
        return "[" + band.min() + ".." + band.below() + ")";
    }

    private static String feelString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
