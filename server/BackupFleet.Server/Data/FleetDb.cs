using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BackupFleet.Server.Data;

/// <summary>The system of record; ASP.NET Core Identity's users and roles live here too.</summary>
public sealed class FleetDb(DbContextOptions<FleetDb> options) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>How every FleetDb talks to PostgreSQL: the server's, the scheduler's own pool and the design-time one alike.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    /// <summary>Options for a FleetDb made outside dependency injection, configured as <see cref="Configure"/> says.</summary>
    public static DbContextOptions<FleetDb> OptionsFor(string connectionString)
    {
        var options = new DbContextOptionsBuilder<FleetDb>();
        Configure(options, connectionString);
        return options.Options;
    }

    public DbSet<HostEntity> Hosts => Set<HostEntity>();
    public DbSet<AgentCredentialEntity> AgentCredentials => Set<AgentCredentialEntity>();
    public DbSet<EnrollmentTokenEntity> EnrollmentTokens => Set<EnrollmentTokenEntity>();
    public DbSet<BackupPolicyEntity> Policies => Set<BackupPolicyEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunEventEntity> RunEvents => Set<RunEventEntity>();
    public DbSet<BackupVersionEntity> BackupVersions => Set<BackupVersionEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<ProvisioningJobEntity> ProvisioningJobs => Set<ProvisioningJobEntity>();
    public DbSet<FindingEntity> Findings => Set<FindingEntity>();
    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();
    public DbSet<NotificationDeliveryEntity> NotificationDeliveries => Set<NotificationDeliveryEntity>();
    public DbSet<NotificationRuleEntity> NotificationRules => Set<NotificationRuleEntity>();
    public DbSet<DataProtectionKeyEntity> DataProtectionKeys => Set<DataProtectionKeyEntity>();
    public DbSet<ServerNodeEntity> ServerNodes => Set<ServerNodeEntity>();
    public DbSet<HostNameEntity> HostNames => Set<HostNameEntity>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.HasPostgresExtension("pg_trgm");
        b.Entity<HostEntity>(e =>
        {
            e.ToTable("hosts");
            e.Property(h => h.Name).HasMaxLength(255);
            e.HasIndex(h => h.Name).IsUnique();
            e.Property(h => h.InventoryJson).HasColumnType("jsonb");
            e.HasOne(h => h.Policy).WithOne().HasForeignKey<BackupPolicyEntity>(p => p.HostId).OnDelete(DeleteBehavior.Cascade);
            // The fleet filter "has all these tags" is tags @> ARRAY[...], which a GIN index answers.
            e.HasIndex(h => h.Tags).HasMethod("gin");
            e.Property(h => h.LastResult).HasConversion<string>().HasMaxLength(16);
            e.Property(h => h.OpenProblems).HasDefaultValue(0);
            e.Property(h => h.RpoBreached).HasDefaultValue(false);
            foreach (var kept in new[] { nameof(HostEntity.LastRunAt), nameof(HostEntity.LastResult), nameof(HostEntity.OpenProblems), nameof(HostEntity.RpoBreached) })
            {
                var property = e.Property(kept).ValueGeneratedOnAddOrUpdate().Metadata;
                property.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
                property.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            }
        });
        b.Entity<HostNameEntity>(e =>
        {
            e.ToTable("host_names");
            e.HasKey(n => n.HostId);
            e.Property(n => n.Name).HasMaxLength(255);
            // Written only when a host is added or renamed: straight into the index, never a pending list every search must read.
            e.HasIndex(n => n.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasStorageParameter("fastupdate", false);
            e.HasOne<HostEntity>().WithOne().HasForeignKey<HostNameEntity>(n => n.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgentCredentialEntity>(e =>
        {
            e.ToTable("agent_credentials");
            e.HasIndex(c => c.SecretHash).IsUnique();
            e.HasIndex(c => c.HostId);
            e.HasOne<HostEntity>().WithMany().HasForeignKey(c => c.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<EnrollmentTokenEntity>(e =>
        {
            e.ToTable("enrollment_tokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
        });
        b.Entity<BackupPolicyEntity>(e =>
        {
            e.ToTable("backup_policies");
            e.HasKey(p => p.HostId);
            // The scheduler's poll every second: the few due rows, not every policy.
            e.HasIndex(p => p.NextRunAt).HasFilter("next_run_at IS NOT NULL");
        });
        b.Entity<RunEntity>(e =>
        {
            e.ToTable("runs");
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.CurrentStep).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.SpecJson).HasColumnType("jsonb");
            e.Property(r => r.TargetServer).HasMaxLength(255);
            // What runs on a NAS, for its limit (RunDispatcher, claim_run). Its filter names the NAS so that only a query about
            // a NAS can use it (see queued_per_nas).
            e.HasIndex(r => r.TargetServer, "running_per_nas").HasDatabaseName("ix_runs_running_per_nas")
                .HasFilter("state = 'Running' AND target_server IS NOT NULL");
            // Host history, newest first, and "what is active or waiting for this host".
            e.HasIndex(r => new { r.HostId, r.QueuedAt }).IsDescending(false, true);
            e.HasIndex(r => new { r.HostId, r.State });
            // At most one backup runs per host: the agent's claim (AcceptJob) relies on this.
            e.HasIndex(r => r.HostId, "one_running_per_host").HasDatabaseName("ix_runs_one_running_per_host").IsUnique().HasFilter("state = 'Running'");
            // At most one run waits per host: a double click or a repeated schedule fire cannot pile up backups.
            e.HasIndex(r => r.HostId, "one_queued_per_host").HasDatabaseName("ix_runs_one_queued_per_host").IsUnique().HasFilter("state = 'Queued'");
            // A NAS's queue in turn order (RunDispatcher). The per-NAS indexes are partial, on the state they serve, and their
            // filters also say "target_server IS NOT NULL", which a query implies only when it names a NAS: the statistics of
            // a table of ended runs say no run is queued or running, so every index on that state looks as cheap as any other,
            // and during a wave the planner answered "is this host's run queued / is one running" by scanning a per-NAS index
            // whole (0.4 s per host), and "what waits on this NAS" by scanning a per-host one. Now each kind of question has
            // only its own indexes to choose from.
            e.HasIndex(r => new { r.TargetServer, r.QueuedAt, r.Id }, "queued_per_nas").HasDatabaseName("ix_runs_queued_per_nas")
                .HasFilter("state = 'Queued' AND target_server IS NOT NULL");
            e.Property(r => r.EventsKept).HasConversion<string>().HasMaxLength(16).HasDefaultValue(EventRetention.All).HasSentinel(EventRetention.All);
            // Retention finds the ended runs whose events are still to thin out, oldest first (and the daily summary what ended lately).
            e.HasIndex(r => r.FinishedAt, "events_to_prune").HasDatabaseName("ix_runs_events_to_prune").HasFilter("events_kept <> 'None'");
            // The fleet summary counts the backups of the last 24 hours.
            e.HasIndex(r => r.FinishedAt, "succeeded_finished_at").HasDatabaseName("ix_runs_succeeded_finished_at").HasFilter("state = 'Succeeded'");
            e.HasOne<HostEntity>().WithMany().HasForeignKey(r => r.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RunEventEntity>(e =>
        {
            e.ToTable("run_events");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Step).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(x => new { x.RunId, x.Sequence }).IsUnique();
            // No foreign key to runs: its check, one lookup per inserted row, was 70 % of PostgreSQL's CPU while agents
            // reported events. The one way in (RunEventStore) inserts only beside the UPDATE that finds and locks the
            // caller's run, in the same statement, so no event can name a missing run; a trigger on runs deletes the
            // events of deleted runs, as the cascade did (migration RunEventsWithoutPerRowRunCheck).
        });
        b.Entity<BackupVersionEntity>(e =>
        {
            e.ToTable("backup_versions");
            e.HasIndex(v => new { v.HostId, v.VersionIdentifier }).IsUnique();
            e.HasOne<HostEntity>().WithMany().HasForeignKey(v => v.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationDeliveryEntity>(e =>
        {
            e.ToTable("notification_deliveries");
            e.Property(d => d.Event).HasMaxLength(32);
            e.Property(d => d.Subject).HasMaxLength(128);
            e.Property(d => d.Title).HasMaxLength(Features.Notifications.NotificationContent.MaxTitle);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.PayloadJson).HasColumnType("jsonb");
            e.HasIndex(d => new { d.Event, d.Subject, d.RuleId }).IsUnique();
            e.HasIndex(d => new { d.RuleId, d.State });
            e.HasOne<NotificationRuleEntity>().WithMany().HasForeignKey(d => d.RuleId).OnDelete(DeleteBehavior.SetNull);
            // The sender looks only at what is still to send.
            e.HasIndex(d => d.NextAttemptAt, "pending_next_attempt").HasDatabaseName("ix_notification_deliveries_pending").HasFilter("state = 'Pending'");
            e.HasIndex(d => d.CreatedAt);
        });
        b.Entity<DataProtectionKeyEntity>(e => e.ToTable("data_protection_keys"));
        b.Entity<ServerNodeEntity>(e =>
        {
            e.ToTable("server_nodes");
            e.Property(n => n.Name).HasMaxLength(255);
        });
        b.Entity<NotificationRuleEntity>(e =>
        {
            e.ToTable("notification_rules");
            e.Property(r => r.Name).HasMaxLength(Features.Notifications.Rules.NotificationRuleLimits.MaxName);
            e.HasIndex(r => r.Name).IsUnique();
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.HostTag).HasMaxLength(Features.Hosts.HostTags.MaxLength);
            e.Property(r => r.WebhookUrl).HasMaxLength(Features.Notifications.Rules.NotificationRuleLimits.MaxUrl);
            e.Property(r => r.WebhookSecret).HasMaxLength(Features.Notifications.Rules.NotificationRuleLimits.MaxSecret);
        });
        b.Entity<ProvisioningJobEntity>(e =>
        {
            e.ToTable("provisioning_jobs");
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(p => new { p.HostId, p.CreatedAt }).IsDescending(false, true);
            // One creation at a time per host: two would race for the same drive letter.
            e.HasIndex(p => p.HostId, "one_running_provisioning_per_host").HasDatabaseName("ix_provisioning_jobs_one_running_per_host")
                .IsUnique().HasFilter("state = 'Running'");
            e.HasOne<HostEntity>().WithMany().HasForeignKey(p => p.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<FindingEntity>(e =>
        {
            e.ToTable("findings");
            e.Property(f => f.Check).HasMaxLength(64);
            e.Property(f => f.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.Scope).HasConversion<string>().HasMaxLength(16);
            // A problem is open once per host: found again, it is the same row.
            e.HasIndex(f => new { f.HostId, f.Check, f.Subject }, "one_open_finding").HasDatabaseName("ix_findings_one_open")
                .IsUnique().HasFilter("resolved_at IS NULL");
            // The problems page: open findings by rule, newest first.
            e.HasIndex(f => new { f.Check, f.FirstSeenAt }, "open_by_check").HasDatabaseName("ix_findings_open_by_check")
                .IsDescending(false, true).HasFilter("resolved_at IS NULL");
            e.HasOne<HostEntity>().WithMany().HasForeignKey(f => f.HostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditEntryEntity>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(a => a.ActorKind).HasMaxLength(16);
            e.Property(a => a.Action).HasMaxLength(64);
            e.HasIndex(a => a.At).IsDescending();
            e.HasIndex(a => new { a.Action, a.At }).IsDescending(false, true);
        });
        b.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.Property(k => k.Role).HasMaxLength(16);
            e.Property(k => k.Prefix).HasMaxLength(16);
        });
    }
}
