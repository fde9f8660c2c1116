using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Identomat.Sdk.Samples.AspNetCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identomat_inbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeduplicationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Account = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identomat_inbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identomat_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identomat_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "identomat_verification_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VerificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identomat_verification_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identomat_verifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ActiveUserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Account = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    SessionToken = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    WidgetUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DocumentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Disagreement = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastReadStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextSweepAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sweeps = table.Column<int>(type: "integer", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identomat_verifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identomat_inbox_DeduplicationKey",
                table: "identomat_inbox",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identomat_inbox_SessionId",
                table: "identomat_inbox",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_identomat_inbox_State_NextAttemptAt",
                table: "identomat_inbox",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verification_events_VerificationId",
                table: "identomat_verification_events",
                column: "VerificationId");

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verifications_ActiveUserId",
                table: "identomat_verifications",
                column: "ActiveUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verifications_PurgedAt_EndedAt",
                table: "identomat_verifications",
                columns: new[] { "PurgedAt", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verifications_SessionToken",
                table: "identomat_verifications",
                column: "SessionToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verifications_State_NextSweepAt",
                table: "identomat_verifications",
                columns: new[] { "State", "NextSweepAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identomat_verifications_UserId",
                table: "identomat_verifications",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identomat_inbox");

            migrationBuilder.DropTable(
                name: "identomat_leases");

            migrationBuilder.DropTable(
                name: "identomat_verification_events");

            migrationBuilder.DropTable(
                name: "identomat_verifications");
        }
    }
}
