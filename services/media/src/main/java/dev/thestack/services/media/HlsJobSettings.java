package dev.thestack.services.media;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code settings} of a MediaConvert job that transcodes one video into an HLS rendition ladder, in the JSON
 * shape of MediaConvert's REST API (lower camel case member names): H.264 with quality-defined variable bitrate
 * (QVBR: the bitrate follows the picture, capped per rendition) and stereo AAC, 6-second segments.
 * Only the height of each rendition is set, so MediaConvert keeps the source's aspect ratio.
 */
final class HlsJobSettings {
    static final String AUDIO_SELECTOR = "Audio Selector 1";
    static final String OUTPUT_GROUP = "HLS";
    private static final int SEGMENT_SECONDS = 6;
    private static final int AUDIO_BITRATE = 96_000;
    private static final int AUDIO_SAMPLE_RATE = 48_000;
    private static final int QVBR_QUALITY = 7;

    /** The ladder: height in pixels and the most bits per second it may use. */
    private record Rendition(int height, int maxBitrate) {
    }

    private static final Rendition[] LADDER = {new Rendition(720, 5_000_000), new Rendition(360, 1_200_000)};

    private HlsJobSettings() {
    }

    /**
     * @param inputUrl       the original, {@code s3://bucket/key}
     * @param destinationUrl the folder the playlists and segments go to, {@code s3://bucket/prefix/} (a trailing
     *                       slash: MediaConvert appends the input's base name to a destination without one)
     */
    static ObjectNode of(String inputUrl, String destinationUrl) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode settings = json.objectNode();
        settings.putObject("timecodeConfig").put("source", "ZEROBASED");
        ObjectNode input = settings.putArray("inputs").addObject()
                .put("fileInput", inputUrl)
                .put("timecodeSource", "ZEROBASED");
        input.putObject("audioSelectors").putObject(AUDIO_SELECTOR).put("defaultSelection", "DEFAULT");
        input.putObject("videoSelector");

        ObjectNode group = settings.putArray("outputGroups").addObject().put("name", OUTPUT_GROUP);
        group.putObject("outputGroupSettings")
                .put("type", "HLS_GROUP_SETTINGS")
                .putObject("hlsGroupSettings")
                .put("destination", destinationUrl)
                .put("segmentLength", SEGMENT_SECONDS)
                .put("minSegmentLength", 0);
        for (Rendition rendition : LADDER) {
            ObjectNode output = group.withArray("outputs").addObject()
                    .put("nameModifier", "_" + rendition.height() + "p");
            output.putObject("containerSettings").put("container", "M3U8");
            ObjectNode video = output.putObject("videoDescription").put("height", rendition.height());
            ObjectNode h264 = video.putObject("codecSettings").put("codec", "H_264")
                    .putObject("h264Settings")
                    .put("rateControlMode", "QVBR")
                    .put("maxBitrate", rendition.maxBitrate())
                    .put("sceneChangeDetect", "TRANSITION_DETECTION");
            h264.putObject("qvbrSettings").put("qvbrQualityLevel", QVBR_QUALITY);
            output.putArray("audioDescriptions").addObject()
                    .put("audioSourceName", AUDIO_SELECTOR)
                    .putObject("codecSettings").put("codec", "AAC")
                    .putObject("aacSettings")
                    .put("bitrate", AUDIO_BITRATE)
                    .put("codingMode", "CODING_MODE_2_0")
                    .put("sampleRate", AUDIO_SAMPLE_RATE);
        }
        return settings;
    }
}
