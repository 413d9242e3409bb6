package dev.thestack.model;

import java.util.List;

/**
 * The regions of the commercial AWS partition (aws), the only one the toolkit synthesizes for: every ARN it builds
 * starts with {@code arn:aws:}, and one organization cannot span partitions. Add a region here when AWS opens it.
 */
public final class AwsRegions {
    public static final List<String> COMMERCIAL = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1",
            "af-south-1", "il-central-1", "me-south-1", "me-central-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3");

    private AwsRegions() {
    }

    /** True for regions of the other partitions (China, GovCloud, ISO), which need their own organization. */
    public static boolean isOtherPartition(String region) {
        return region.startsWith("cn-") || region.startsWith("us-gov-") || region.startsWith("us-iso");
    }
}
