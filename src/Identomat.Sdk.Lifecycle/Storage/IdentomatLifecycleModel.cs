using Identomat.Sdk.Lifecycle;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Adds the lifecycle's tables to your <see cref="DbContext"/>: your migrations create them. In EF Core's namespace, so
/// <c>OnModelCreating</c> needs no other <c>using</c>.
/// </summary>
public static class IdentomatLifecycleModel
{
    /// <summary>
    /// Maps the inbox, the verifications, their audit trail and the leases (tables <c>identomat_inbox</c>,
    /// <c>identomat_verifications</c>, <c>identomat_verification_events</c>, <c>identomat_leases</c>). Call it from your
    /// context's <c>OnModelCreating</c>, then add a migration.
    /// </summary>
    /// <param name="modelBuilder">Your context's model builder.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder AddIdentomatLifecycle(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<IdentomatInboxMessage>(inbox =>
        {
            inbox.ToTable("identomat_inbox");
            inbox.HasKey(m => m.Id);
            inbox.Property(m => m.DeduplicationKey).HasMaxLength(64).IsRequired();
            inbox.HasIndex(m => m.DeduplicationKey).IsUnique();
            inbox.Property(m => m.Account).HasMaxLength(128).IsRequired();
            inbox.Property(m => m.Type).HasMaxLength(64).IsRequired();
            inbox.Property(m => m.SessionId).HasMaxLength(128);
            inbox.Property(m => m.ClaimedBy).HasMaxLength(128);
            inbox.Property(m => m.LastError).HasMaxLength(256);
            inbox.HasIndex(m => new { m.State, m.NextAttemptAt });
            inbox.HasIndex(m => m.SessionId);
        });
        modelBuilder.Entity<IdentomatVerification>(verification =>
        {
            verification.ToTable("identomat_verifications");
            verification.HasKey(v => v.Id);
            verification.Property(v => v.UserId).HasMaxLength(256);
            verification.Property(v => v.ActiveUserId).HasMaxLength(256);
            verification.HasIndex(v => v.ActiveUserId).IsUnique();
            verification.HasIndex(v => v.UserId);
            verification.Property(v => v.Account).HasMaxLength(128).IsRequired();
            verification.Property(v => v.SessionToken).HasMaxLength(128);
            verification.HasIndex(v => v.SessionToken).IsUnique();
            verification.Property(v => v.WidgetUrl).HasMaxLength(2048);
            verification.Property(v => v.Status).HasMaxLength(64);
            verification.Property(v => v.RejectReason).HasMaxLength(64);
            verification.Property(v => v.DocumentType).HasMaxLength(64);
            verification.Property(v => v.Disagreement).HasMaxLength(64);
            verification.HasIndex(v => new { v.State, v.NextSweepAt });
            verification.HasIndex(v => new { v.PurgedAt, v.EndedAt });
        });
        modelBuilder.Entity<IdentomatVerificationEvent>(audit =>
        {
            audit.ToTable("identomat_verification_events");
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Status).HasMaxLength(64);
            audit.Property(e => e.Cause).HasMaxLength(32).IsRequired();
            audit.HasIndex(e => e.VerificationId);
        });
        modelBuilder.Entity<IdentomatLease>(lease =>
        {
            lease.ToTable("identomat_leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(64);
            lease.Property(l => l.Holder).HasMaxLength(128).IsRequired();
        });
        return modelBuilder;
    }
}
