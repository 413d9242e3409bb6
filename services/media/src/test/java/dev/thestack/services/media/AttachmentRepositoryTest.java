package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.graphql.TenantId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The repository against the DynamoDB API of dynalite, through the real SDK client. */
class AttachmentRepositoryTest {
    private static final String TABLE = "attachments";
    private static final String TODO_ID = "0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(MediaTables.attachmentsTable(TABLE));

    private final AttachmentRepository repository = new AttachmentRepository(DYNALITE.client(), TABLE);

    @Test
    void anAttachmentIsFoundByItsTenantOnly() {
        TenantId tenant = newTenant();
        Attachment stored = attachment(TODO_ID, "alice", "2026-12-04T09:00:00.000Z");
        repository.create(tenant, stored);

        assertThat(repository.find(tenant, stored.id())).contains(stored);
        assertThat(repository.find(newTenant(), stored.id())).isEmpty();
        assertThat(repository.find(tenant, UUID.randomUUID().toString())).isEmpty();
        assertThat(repository.find(tenant, "not-an-id")).isEmpty();
    }

    @Test
    void aTodosAttachmentsComeOldestFirstAndAUsersUploadsNewestFirst() {
        TenantId tenant = newTenant();
        Attachment first = attachment(TODO_ID, "alice", "2026-12-04T09:00:00.000Z");
        Attachment second = attachment(TODO_ID, "bob", "2026-12-04T09:00:01.000Z");
        Attachment third = attachment("1b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e", "alice", "2026-12-04T09:00:02.000Z");
        List.of(second, third, first).forEach(attachment -> repository.create(tenant, attachment));
        repository.create(newTenant(), attachment(TODO_ID, "alice", "2026-12-04T08:00:00.000Z"));

        assertThat(repository.byTodo(tenant, TODO_ID, 10)).containsExactly(first, second);
        assertThat(repository.byTodo(tenant, TODO_ID, 1)).containsExactly(first);
        assertThat(repository.countByTodo(tenant, TODO_ID, 10)).isEqualTo(2);
        assertThat(repository.byUploader(tenant, "alice", 10)).containsExactly(third, first);
        assertThat(repository.byUploader(tenant, "carol", 10)).isEmpty();
    }

    @Test
    void completingMovesOnOnlyFromAwaitingUpload() {
        TenantId tenant = newTenant();
        Attachment stored = attachment(TODO_ID, "alice", "2026-12-04T09:00:00.000Z");
        repository.create(tenant, stored);
        Attachment ready = stored.ready(List.of(new Attachment.Variant("thumbnail", 128, 96, "image/png")));

        assertThat(repository.completeIfAwaiting(tenant, ready)).isTrue();
        assertThat(repository.completeIfAwaiting(tenant, stored.failed("too late"))).isFalse();
        assertThat(repository.find(tenant, stored.id())).contains(ready);
    }

    @Test
    void transcodesAndFailuresAreKept() {
        TenantId tenant = newTenant();
        Attachment video = new Attachment(UUID.randomUUID().toString(), TODO_ID, "clip.mp4", MediaType.MP4,
                AttachmentStatus.AWAITING_UPLOAD, 5_000_000, "alice", "2026-12-04T09:00:00.000Z", List.of(), null, null);
        Attachment refused = attachment(TODO_ID, "alice", "2026-12-04T09:00:01.000Z").failed("it has 3 bytes, not the 10 announced");
        repository.create(tenant, video);
        repository.create(tenant, refused);
        Attachment processing = video.processing(new Attachment.Transcode("job-1", "SUBMITTED"));
        repository.completeIfAwaiting(tenant, processing);

        assertThat(repository.find(tenant, video.id())).contains(processing);
        assertThat(repository.find(tenant, refused.id())).contains(refused);
    }

    @Test
    void anIdIsNeverTakenTwice() {
        TenantId tenant = newTenant();
        Attachment stored = attachment(TODO_ID, "alice", "2026-12-04T09:00:00.000Z");
        repository.create(tenant, stored);

        assertThatThrownBy(() -> repository.create(tenant, stored)).isInstanceOf(ConditionalCheckFailedException.class);
    }

    private static Attachment attachment(String todoId, String user, String createdAt) {
        return Attachment.awaitingUpload(UUID.randomUUID().toString(),
                new UploadRequest(todoId, "photo.png", MediaType.PNG, 10), user, createdAt);
    }

    private static TenantId newTenant() {
        return new TenantId("t-" + UUID.randomUUID());
    }
}
