//! The command line: `serve` (the default), `migrate`, and admin commands for users and sessions.
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use super::config::Config;
use super::{db, repo};
use crate::domain::user::Email;

#[derive(Parser, Debug)]
#[command(name = "taskpilot", version, about = "Taskpilot: tasks with an assistant")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the app (the default).
    Serve,
    /// Apply, revert or show migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Manage users.
    Users {
        #[command(subcommand)]
        action: UsersAction,
    },
    /// Manage sessions.
    Sessions {
        #[command(subcommand)]
        action: SessionsAction,
    },
    /// Serve the task tools over MCP on stdin/stdout, acting as one user (for a local AI
    /// client's configuration file).
    Mcp {
        /// The email of the user the tools act as.
        #[arg(long)]
        user: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum MigrateAction {
    /// Apply pending migrations.
    Up,
    /// Revert the last N migrations (default 1).
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether each is applied.
    Status,
}

#[derive(Subcommand, Debug)]
pub enum UsersAction {
    /// List every user.
    List,
    /// Show one user.
    Show { email: String },
    /// Delete a user and everything that belongs to them.
    Delete { email: String },
}

#[derive(Subcommand, Debug)]
pub enum SessionsAction {
    /// List live sessions, of one user or of everyone.
    List { email: Option<String> },
    /// End the sessions of one user, or of everyone with --all.
    Revoke {
        email: Option<String>,
        #[arg(long, conflicts_with = "email")]
        all: bool,
    },
}

/// Runs an admin command; prints what it did, and errors for the caller to report.
pub async fn run(config: &Config, command: Command) -> anyhow::Result<()> {
    let db = db::connect(config).await?;
    match command {
        Command::Serve => anyhow::bail!("serve is handled by main"),
        Command::Migrate { action } => match action {
            MigrateAction::Up => {
                Migrator::up(&db, None).await?;
                println!("migrations applied");
            }
            MigrateAction::Down { steps } => {
                Migrator::down(&db, Some(steps)).await?;
                println!("reverted {steps} migration(s)");
            }
            MigrateAction::Status => {
                for m in Migrator::get_migration_with_status(&db).await? {
                    println!("{:<48} {:?}", m.name(), m.status());
                }
            }
        },
        Command::Users { action } => {
            db::migrate_up(&db).await?;
            match action {
                UsersAction::List => {
                    for r in repo::accounts::list(&db).await? {
                        println!(
                            "{}\t{}\t{}\t{}",
                            r.user.id, r.user.email, r.user.name, r.user.created_at
                        );
                    }
                }
                UsersAction::Show { email } => {
                    let r = find(&db, &email).await?;
                    println!(
                        "id:         {}\nemail:      {}\nname:       {}\ntime zone:  {}\ncreated at: {}",
                        r.user.id, r.user.email, r.user.name, r.time_zone, r.user.created_at
                    );
                    let sessions = repo::sessions::list_all(&db, Some(&r.user.id)).await?;
                    println!("sessions:   {}", sessions.len());
                }
                UsersAction::Delete { email } => {
                    let r = find(&db, &email).await?;
                    repo::accounts::delete(&db, &r.user.id).await?;
                    println!("deleted {} and all their data", r.user.email);
                }
            }
        }
        Command::Mcp { user } => {
            db::migrate_up(&db).await?;
            let db = repo::Db::new(db, db::sqlite_reader(config)).with_quotas(config.quotas);
            super::mcp::serve_stdio(db, &user).await?;
        }
        Command::Sessions { action } => {
            db::migrate_up(&db).await?;
            match action {
                SessionsAction::List { email } => {
                    let user_id = match email {
                        Some(email) => Some(find(&db, &email).await?.user.id),
                        None => None,
                    };
                    for (user_id, s) in repo::sessions::list_all(&db, user_id.as_deref()).await? {
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            s.id,
                            user_id,
                            s.ip_address.unwrap_or_default(),
                            s.last_seen_at,
                            s.user_agent.unwrap_or_default()
                        );
                    }
                }
                SessionsAction::Revoke { email, all } => {
                    let ended = match (email, all) {
                        (_, true) => repo::sessions::revoke_all(&db, None).await?,
                        (Some(email), false) => {
                            let r = find(&db, &email).await?;
                            repo::sessions::revoke_all(&db, Some(&r.user.id)).await?
                        }
                        (None, false) => anyhow::bail!("name a user's EMAIL, or pass --all"),
                    };
                    println!("ended {ended} session(s)");
                }
            }
        }
    }
    Ok(())
}

async fn find(db: &sea_orm::DatabaseConnection, email: &str) -> anyhow::Result<repo::accounts::UserRecord> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?;
    repo::accounts::find_by_email(db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no user with the email {}", email.as_str()))
}
