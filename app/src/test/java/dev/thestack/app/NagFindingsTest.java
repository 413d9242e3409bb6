package dev.thestack.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NagFindingsTest {
    @TempDir
    Path assembly;

    @Test
    void readsErrorsWarningsAndSuppressionsFromCdkNagsReport() throws IOException {
        Files.writeString(assembly.resolve("AwsSolutions-acme-x-NagReport.csv"), """
                Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info
                "AwsSolutions-S1","acme-x/Bucket/Resource","Non-Compliant","N/A","Error","The S3 Bucket has server access logs disabled."
                "AwsSolutions-DDB3","acme-x/Table/Resource","Non-Compliant","N/A","Warning","The table has no PITR."
                "AwsSolutions-IAM5","acme-x/Role/Resource","Suppressed","X-Ray has no resource-level ""permissions"", so *","Error","Wildcards."
                "AwsSolutions-IAM4","acme-x/Role/Resource","Compliant","N/A","Error","Managed policies."
                """);

        NagFindings findings = NagFindings.read(assembly, "acme-x");

        assertThat(findings.unsuppressedErrors()).singleElement()
                .satisfies(f -> assertThat(f.toString()).isEqualTo("AwsSolutions-S1 on acme-x/Bucket/Resource: The S3 Bucket has server access logs disabled."));
        assertThat(findings.unsuppressedWarnings()).extracting(NagFindings.Finding::ruleId).containsExactly("AwsSolutions-DDB3");
        assertThat(findings.suppressed()).singleElement().extracting(NagFindings.Finding::reason)
                .isEqualTo("X-Ray has no resource-level \"permissions\", so *");
    }

    @Test
    void aStackWithoutAReportMeansNagDidNotRun() {
        assertThatThrownBy(() -> NagFindings.read(assembly, "acme-y"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cdk-nag wrote no report for acme-y");
    }
}
