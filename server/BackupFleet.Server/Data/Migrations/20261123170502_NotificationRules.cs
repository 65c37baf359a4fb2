using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notification_deliveries_event_subject_id_channel",
                table: "notification_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "host_id",
                table: "notification_deliveries",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                table: "notification_deliveries",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<Guid>(
                name: "rule_id",
                table: "notification_deliveries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "notification_deliveries",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "title",
                table: "notification_deliveries",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // Deliveries written before rules existed keep what they were about; the ones not yet sent had no rule to go by.
            migrationBuilder.Sql("""
                UPDATE notification_deliveries SET subject = 'run:' || subject_id, title = event;
                UPDATE notification_deliveries SET state = 'Failed',
                    last_error = 'Webhooks moved from the settings to notification rules before this was sent; create a rule for them.'
                WHERE state = 'Pending';
                """);

            migrationBuilder.DropColumn(
                name: "subject_id",
                table: "notification_deliveries");

            migrationBuilder.CreateTable(
                name: "notification_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    events = table.Column<string[]>(type: "text[]", nullable: false),
                    host_tag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recipients = table.Column<string[]>(type: "text[]", nullable: false),
                    webhook_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    webhook_secret = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    offline_minutes = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_alert_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sending_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_rules", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_event_subject_rule_id",
                table: "notification_deliveries",
                columns: new[] { "event", "subject", "rule_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_rule_id_state",
                table: "notification_deliveries",
                columns: new[] { "rule_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_rules_name",
                table: "notification_rules",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_notification_deliveries_notification_rules_rule_id",
                table: "notification_deliveries",
                column: "rule_id",
                principalTable: "notification_rules",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notification_deliveries_notification_rules_rule_id",
                table: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "notification_rules");

            migrationBuilder.DropIndex(
                name: "ix_notification_deliveries_event_subject_rule_id",
                table: "notification_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_notification_deliveries_rule_id_state",
                table: "notification_deliveries");

            migrationBuilder.DropColumn(
                name: "rule_id",
                table: "notification_deliveries");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "notification_deliveries");

            migrationBuilder.DropColumn(
                name: "title",
                table: "notification_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "host_id",
                table: "notification_deliveries",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                table: "notification_deliveries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512);

            migrationBuilder.AddColumn<Guid>(
                name: "subject_id",
                table: "notification_deliveries",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_event_subject_id_channel",
                table: "notification_deliveries",
                columns: new[] { "event", "subject_id", "channel" },
                unique: true);
        }
    }
}
