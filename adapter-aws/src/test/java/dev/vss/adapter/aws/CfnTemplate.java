// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template as CloudFormation would see it for given parameter values: short-form intrinsics read
 * as their long form ({@code !If} as {@code Fn::If}, {@code !GetAtt A.B} as {@code Fn::GetAtt: [A, B]}), then
 * conditions evaluated, {@code Fn::If} resolved, {@code AWS::NoValue} dropped and resources whose condition is false
 * left out. Enough for the rules cfn-lint does not check; other intrinsics stay as they are.
 */
final class CfnTemplate {
    private final Map<String, Object> raw;

    private CfnTemplate(Map<String, Object> raw) {
        this.raw = raw;
    }

    static CfnTemplate load(Path file) throws Exception {
        SafeConstructor c = new SafeConstructor(new LoaderOptions()) {
            {
                for (String tag : List.of("Ref", "Condition", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or",
                        "Join", "Select", "Split", "FindInMap", "ImportValue", "Base64", "GetAZs")) {
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    this.yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            Object v;
                            if (node instanceof ScalarNode s) {
                                v = tag.equals("GetAtt") ? List.of(s.getValue().split("\\.", 2)) : s.getValue();
                            } else if (node instanceof SequenceNode s) {
                                v = constructSequence(s);
                            } else {
                                v = constructMapping((MappingNode) node);
                            }
                            return Map.of(name, v);
                        }
                    });
                }
            }
        };
        return new CfnTemplate(new Yaml(c).load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) raw.getOrDefault(name, Map.of());
    }

    /** A parameter's default, as a string (CloudFormation passes every parameter value as a string). */
    @SuppressWarnings("unchecked")
    String defaultOf(String parameter) {
        return String.valueOf(((Map<String, Object>) section("Parameters").get(parameter)).get("Default"));
    }

    /** The resources for these parameter values (others at their defaults): conditions applied. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        section("Parameters").keySet().forEach(p -> values.put(p, defaultOf(p)));
        values.putAll(parameters);
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        for (String name : section("Conditions").keySet()) {
            conditions.put(name, condition(name, values, conditions));
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        section("Resources").forEach((name, r) -> {
            Map<String, Object> res = (Map<String, Object>) r;
            Object cond = res.get("Condition");
            if (cond == null || conditions.get((String) cond)) {
                out.put(name, (Map<String, Object>) resolve(res, conditions));
            }
        });
        return out;
    }

    private boolean condition(String name, Map<String, String> values, Map<String, Boolean> done) {
        Boolean known = done.get(name);
        return known != null ? known : test(section("Conditions").get(name), values, done);
    }

    @SuppressWarnings("unchecked")
    private boolean test(Object expr, Map<String, String> values, Map<String, Boolean> done) {
        Map<String, Object> m = (Map<String, Object>) expr;
        String fn = m.keySet().iterator().next();
        Object arg = m.get(fn);
        return switch (fn) {
            case "Condition" -> condition((String) arg, values, done);
            case "Fn::Not" -> !test(((List<Object>) arg).get(0), values, done);
            case "Fn::And" -> ((List<Object>) arg).stream().allMatch(e -> test(e, values, done));
            case "Fn::Or" -> ((List<Object>) arg).stream().anyMatch(e -> test(e, values, done));
            case "Fn::Equals" -> {
                List<Object> a = (List<Object>) arg;
                yield value(a.get(0), values).equals(value(a.get(1), values));
            }
            default -> throw new IllegalArgumentException("condition function " + fn + " not supported");
        };
    }

    @SuppressWarnings("unchecked")
    private static String value(Object o, Map<String, String> values) {
        if (o instanceof Map<?, ?> m && m.containsKey("Ref")) {
            return values.get((String) m.get("Ref"));
        }
        return String.valueOf(o);
    }

    /** Marks what AWS::NoValue removes. */
    private static final Object NO_VALUE = new Object();

    @SuppressWarnings("unchecked")
    private static Object resolve(Object o, Map<String, Boolean> conditions) {
        if (o instanceof Map<?, ?> m) {
            if (m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"))) {
                return NO_VALUE;
            }
            if (m.size() == 1 && m.containsKey("Fn::If")) {
                List<Object> a = (List<Object>) m.get("Fn::If");
                return resolve(conditions.get((String) a.get(0)) ? a.get(1) : a.get(2), conditions);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = resolve(v, conditions);
                if (r != NO_VALUE) {
                    out.put((String) k, r);
                }
            });
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                Object r = resolve(e, conditions);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return o;
    }
}
