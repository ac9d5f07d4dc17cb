// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml is safe to deploy in every parameter combination: it passes cfn-lint, keeps SnapStart's limits
 * (which cfn-lint does not know), grants exactly the policy table of docs/deploy-aws.md (the analyser cannot write
 * the gallery, no '*' resource), retains the keys and the bucket, and has log retention, a concurrency cap and a
 * dead-letter queue for failed events.
 */
class TemplatePolicyTest {
    static final Path ROOT = Path.of(System.getProperty("vss.root", ".."));
    static final Path TEMPLATE = ROOT.resolve("adapter-aws").resolve("template.yaml");
    static final Path DOC = ROOT.resolve("docs").resolve("deploy-aws.md");
    static final String BUCKET_ARN = "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-${AWS::Region}";

    /** Every UseQueue x SnapStart combination; the concurrency cap on in two of them. */
    static Stream<Map<String, String>> combinations() {
        return Stream.of(Map.of("UseQueue", "true", "SnapStart", "true", "MaxConcurrency", "0"),
                Map.of("UseQueue", "true", "SnapStart", "false", "MaxConcurrency", "5"),
                Map.of("UseQueue", "false", "SnapStart", "true", "MaxConcurrency", "5"),
                Map.of("UseQueue", "false", "SnapStart", "false", "MaxConcurrency", "0"));
    }

    static Map<String, Map<String, Object>> resources(Map<String, String> params) throws Exception {
        return CfnTemplate.load(TEMPLATE).resources(params);
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyCombinationPassesCfnLint(Map<String, String> params) throws Exception {
        Path local = ROOT.resolve(".vss/cfn-lint/bin/cfn-lint");
        String lint = Files.isExecutable(local) ? local.toString() : onPath("cfn-lint");
        Assumptions.assumeTrue(lint != null,
                "cfn-lint is not installed: run scripts/install/cfn-lint.sh (the CI does) to lint the template");
        List<String> cmd = new ArrayList<>(List.of(lint, TEMPLATE.toString(), "--parameters"));
        params.forEach((k, v) -> cmd.add(k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(params + ":\n" + out).isZero();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    @SuppressWarnings("unchecked")
    void snapStartLimitsHold(Map<String, String> params) throws Exception {
        Map<String, Map<String, Object>> r = resources(params);
        Map<String, Object> fn = props(r, "Function");
        Object applyOn = ((Map<String, Object>) fn.get("SnapStart")).get("ApplyOn");
        assertThat(applyOn).isEqualTo(params.get("SnapStart").equals("true") ? "PublishedVersions" : "None");
        // one value for both modes: what SnapStart allows
        Map<String, Object> storage = (Map<String, Object>) fn.getOrDefault("EphemeralStorage", Map.of("Size", 512));
        assertThat((Integer) storage.get("Size")).as("ephemeral storage, MB (SnapStart: at most 512)")
                .isLessThanOrEqualTo(512);
        if ("PublishedVersions".equals(applyOn)) {
            assertThat(fn).as("SnapStart: no EFS, no provisioned concurrency, no container image")
                    .doesNotContainKeys("FileSystemConfigs", "ProvisionedConcurrencyConfig", "ImageUri");
            assertThat(fn.getOrDefault("PackageType", "Zip")).isEqualTo("Zip");
            assertThat((String) fn.get("Runtime")).as("SnapStart's Java runtimes: 11 and later").matches("java(11|17|21|25)");
            assertThat(fn.get("AutoPublishAlias")).as("SnapStart applies to published versions").isEqualTo("live");
        }
        // the triggers invoke the alias (the published version), never $LATEST
        String alias = Map.of("Ref", "Function.Alias").toString();
        if (params.get("UseQueue").equals("true")) {
            assertThat(props(r, "QueueFeedsFunction").get("FunctionName").toString()).isEqualTo(alias);
        } else {
            assertThat(props(r, "BucketInvokesFunction").get("FunctionName").toString()).isEqualTo(alias);
            assertThat(props(r, "Bucket").get("NotificationConfiguration").toString()).contains("Function=" + alias);
        }
    }

    /** One row of the policy table: who may do what on which resources, under which condition keys. */
    record Grant(String principal, String statement, Set<String> actions, Set<String> resources, Set<String> conditions) {
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyPolicyStatementIsInTheDocumentedTable(Map<String, String> params) throws Exception {
        List<Grant> expected = new ArrayList<>();
        for (List<String> row : documentedTable()) {
            String when = row.get(5);
            if (when.equals("always") || params.get(when.split("=")[0]).equals(when.split("=")[1])) {
                expected.add(new Grant(row.get(0), row.get(1), cells(row.get(2)), cells(row.get(3)), cells(row.get(4))));
            }
        }
        assertThat(grants(resources(params))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void theAnalyserCannotWriteTheGalleryAndNoRoleHasAWildcard(Map<String, String> params) throws Exception {
        Map<String, Map<String, Object>> r = resources(params);
        List<Grant> grants = grants(r);
        assertThat(grants).filteredOn(g -> g.principal().equals("AnalyserRole"))
                .as("no gallery write, no wrapping with the gallery key")
                .noneMatch(g -> g.resources().stream().anyMatch(x -> x.startsWith("<bucket>/gallery") || x.equals("<bucket>/*"))
                        && g.actions().stream().anyMatch(a -> !a.equals("s3:GetObject")))
                .noneMatch(g -> g.resources().contains("Key")
                        && g.actions().stream().anyMatch(a -> !a.equals("kms:Decrypt")));
        assertThat(grants).filteredOn(g -> r.containsKey(g.principal()))
                .as("IAM role statements: no '*' resource, no wildcard action")
                .allMatch(g -> !g.resources().contains("*") && g.actions().stream().noneMatch(a -> a.contains("*")));
        // the function runs under the template's own role: SAM's Policies would attach AWSLambdaBasicExecutionRole
        Map<String, Object> fn = props(r, "Function");
        assertThat(fn).doesNotContainKey("Policies");
        assertThat(fn.get("Role").toString()).isEqualTo(Map.of("Fn::GetAtt", List.of("AnalyserRole", "Arn")).toString());
        for (String role : List.of("AnalyserRole", "GalleryAdminRole")) {
            assertThat(props(r, role)).doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
        }
        assertThat(r.values()).as("only the template's two roles")
                .filteredOn(x -> "AWS::IAM::Role".equals(x.get("Type"))).hasSize(2);
        // listing only below the prefixes it reads
        Map<String, Object> list = statement(r, "AnalyserRole", "MissingObjectsAre404Not403");
        assertThat(list.get("Condition").toString())
                .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of(Map.of("Fn::Sub", "${InputPrefix}*"),
                        "models/*", "gallery/*"))).toString());
        assertThat(statement(r, "GalleryAdminRole", "MissingObjectsAre404Not403").get("Condition").toString())
                .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", "gallery/*")).toString());
        // results never where the analyser reads what it trusts
        assertThat(CfnTemplate.load(TEMPLATE).section("Rules").toString())
                .contains("ResultsApartFromGalleryAndModels").contains("[gallery/, models/]");
    }

    @ParameterizedTest
    @MethodSource("combinations")
    @SuppressWarnings("unchecked")
    void keysAndBucketAreRetainedAndFailuresLogsAndConcurrencyBounded(Map<String, String> params) throws Exception {
        Map<String, Map<String, Object>> r = resources(params);
        for (String name : List.of("Key", "StorageKey", "Bucket")) {
            assertThat(r.get(name)).as(name + " survives the stack's deletion and replacement")
                    .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        }
        // log retention from a parameter, in the function's own log group
        Map<String, Object> fn = props(r, "Function");
        assertThat(fn.get("LoggingConfig").toString()).isEqualTo(Map.of("LogGroup", Map.of("Ref", "FunctionLogs")).toString());
        assertThat(r.get("FunctionLogs")).containsEntry("Type", "AWS::Logs::LogGroup");
        assertThat(props(r, "FunctionLogs").get("RetentionInDays").toString()).isEqualTo(Map.of("Ref", "LogRetentionDays").toString());
        assertThat(CfnTemplate.load(TEMPLATE).defaultOf("LogRetentionDays")).isEqualTo("30");
        // reserved concurrency: a cap when asked for, nothing reserved at 0
        if (params.get("MaxConcurrency").equals("0")) {
            assertThat(fn).doesNotContainKey("ReservedConcurrentExecutions");
        } else {
            assertThat(fn.get("ReservedConcurrentExecutions").toString()).isEqualTo(Map.of("Ref", "MaxConcurrency").toString());
        }
        assertThat(CfnTemplate.load(TEMPLATE).defaultOf("MaxConcurrency")).isEqualTo("0");
        // failed events end in the dead-letter queue on either path
        String dlq = Map.of("Fn::GetAtt", List.of("DeadLetters", "Arn")).toString();
        assertThat(r).containsKey("DeadLetters");
        Map<String, Object> onFailure = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) fn
                .get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure");
        assertThat(onFailure.get("Type")).isEqualTo("SQS");
        assertThat(onFailure.get("Destination").toString()).isEqualTo(dlq);
        if (params.get("UseQueue").equals("true")) {
            assertThat(((Map<String, Object>) props(r, "Queue").get("RedrivePolicy")).get("deadLetterTargetArn").toString())
                    .isEqualTo(dlq);
        }
    }

    // ---- the policy table ----

    /** Rows of the table in docs/deploy-aws.md whose header starts with "| principal | statement |". */
    static List<List<String>> documentedTable() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| principal | statement |")) {
                in = true;
            } else if (in && !line.startsWith("|")) {
                break;
            } else if (in && !line.startsWith("|---")) {
                String[] c = line.substring(1).split("\\|", -1);
                rows.add(Arrays.stream(c).limit(7).map(s -> s.replace("`", "").strip()).toList());
            }
        }
        assertThat(rows).as("the policy table in " + DOC).isNotEmpty();
        return rows;
    }

    static Set<String> cells(String cell) {
        return cell.isBlank() ? Set.of() : Arrays.stream(cell.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every statement the template grants: role policies and trusts, key policies, queue policies, permissions. */
    @SuppressWarnings("unchecked")
    static List<Grant> grants(Map<String, Map<String, Object>> r) {
        List<Grant> out = new ArrayList<>();
        r.forEach((name, res) -> {
            Map<String, Object> p = (Map<String, Object>) res.getOrDefault("Properties", Map.of());
            switch ((String) res.get("Type")) {
                case "AWS::IAM::Role" -> {
                    for (Map<String, Object> s : statements(p.get("AssumeRolePolicyDocument"))) {
                        out.add(grant(principal(s), s, Set.of(name)));
                    }
                    for (Map<String, Object> pol : (List<Map<String, Object>>) p.getOrDefault("Policies", List.of())) {
                        for (Map<String, Object> s : statements(pol.get("PolicyDocument"))) {
                            out.add(grant(name, s, resourcesOf(s, null)));
                        }
                    }
                }
                case "AWS::KMS::Key" -> {
                    for (Map<String, Object> s : statements(p.get("KeyPolicy"))) {
                        out.add(grant(principal(s), s, resourcesOf(s, name))); // '*' in a key policy: this key
                    }
                }
                case "AWS::SQS::QueuePolicy" -> {
                    for (Map<String, Object> s : statements(p.get("PolicyDocument"))) {
                        out.add(grant(principal(s), s, resourcesOf(s, null)));
                    }
                }
                case "AWS::Lambda::Permission" -> {
                    Set<String> cond = new TreeSet<>();
                    if (p.containsKey("SourceAccount")) {
                        cond.add("aws:SourceAccount");
                    }
                    if (p.containsKey("SourceArn")) {
                        cond.add("aws:SourceArn");
                    }
                    out.add(new Grant((String) p.get("Principal"), name, Set.of((String) p.get("Action")),
                            Set.of(resource(p.get("FunctionName"))), cond));
                }
                default -> { }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Object document) {
        return (List<Map<String, Object>>) ((Map<String, Object>) document).get("Statement");
    }

    @SuppressWarnings("unchecked")
    static Grant grant(String principal, Map<String, Object> s, Set<String> resources) {
        assertThat(s.get("Effect")).as("only Allow statements").isEqualTo("Allow");
        Set<String> conditions = new TreeSet<>();
        ((Map<String, Map<String, Object>>) s.getOrDefault("Condition", Map.of())).values()
                .forEach(m -> conditions.addAll(m.keySet()));
        return new Grant(principal, (String) s.get("Sid"), strings(s.get("Action")), resources, conditions);
    }

    @SuppressWarnings("unchecked")
    static String principal(Map<String, Object> s) {
        Map<String, Object> p = (Map<String, Object>) s.get("Principal");
        Object v = p.values().iterator().next();
        String account = Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:root").toString();
        return v.toString().equals(account) ? "account" : v.toString();
    }

    static Set<String> resourcesOf(Map<String, Object> s, String self) {
        Object res = s.get("Resource");
        assertThat(res).as(s.get("Sid") + " names its resources (no NotResource)").isNotNull();
        List<Object> list = res instanceof List<?> l ? new ArrayList<>(l) : List.of(res);
        return list.stream().map(x -> self != null && "*".equals(x) ? self : resource(x))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The table's notation: {@code <bucket>/<InputPrefix>*}, logical ids for GetAtt/Ref. */
    @SuppressWarnings("unchecked")
    static String resource(Object x) {
        if (x instanceof Map<?, ?> m) {
            if (m.containsKey("Fn::Sub")) {
                return ((String) m.get("Fn::Sub")).replace(BUCKET_ARN, "<bucket>").replaceAll("\\$\\{([A-Za-z]+)}", "<$1>");
            }
            if (m.containsKey("Fn::GetAtt")) {
                return ((List<String>) m.get("Fn::GetAtt")).get(0);
            }
            if (m.containsKey("Ref")) {
                return (String) m.get("Ref");
            }
        }
        return String.valueOf(x);
    }

    static Set<String> strings(Object o) {
        Set<String> out = new LinkedHashSet<>();
        if (o instanceof List<?> l) {
            l.forEach(e -> out.add(String.valueOf(e)));
        } else {
            out.add(String.valueOf(o));
        }
        return new TreeSet<>(out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> statement(Map<String, Map<String, Object>> r, String role, String sid) {
        for (Map<String, Object> pol : (List<Map<String, Object>>) props(r, role).get("Policies")) {
            for (Map<String, Object> s : statements(pol.get("PolicyDocument"))) {
                if (sid.equals(s.get("Sid"))) {
                    return s;
                }
            }
        }
        throw new AssertionError(role + " has no statement " + sid);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Map<String, Object>> r, String name) {
        assertThat(r).containsKey(name);
        return (Map<String, Object>) r.get(name).getOrDefault("Properties", new LinkedHashMap<>());
    }

    static String onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (!dir.isBlank() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
