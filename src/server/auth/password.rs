//! Argon2id with the crate's defaults (m=19456 KiB, t=2, p=1: the OWASP minimum), run on a few
//! dedicated threads at a lower CPU priority, so a burst of sign-ins cannot starve the threads
//! serving other requests: hashing gets whatever CPU they leave, and a share of it when they are
//! busy.
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, OnceLock};

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::error::AppError;
use crate::server::state::AppState;

pub async fn hash(state: &AppState, password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    state.hashing.run(move || hash_blocking(&password)).await?
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "argon2 hashing failed");
            AppError::Internal
        })
}

/// Verifies `password` against `stored`; with no stored hash, verifies against a dummy hash so
/// an unknown email costs the same time as a wrong password.
pub async fn verify(state: &AppState, password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let password = password.to_owned();
    state
        .hashing
        .run(move || {
            let (hash, real) = match &stored {
                Some(hash) => (hash.as_str(), true),
                None => (dummy_hash(), false),
            };
            let ok = Argon2::default().verify_password(password.as_bytes(), hash).is_ok();
            ok && real
        })
        .await
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("taskpilot-dummy-password").unwrap_or_default())
}

/// Computes the dummy hash ahead of the first sign-in, so that first one is not faster.
pub fn warm_up() {
    let _ = dummy_hash();
}

/// The nice value of the hashing threads: at 10 a busy hashing thread gets about a tenth of
/// what a busy request thread gets (Linux weights 110 and 1024).
const HASHING_NICE: i32 = 10;

type Job = Box<dyn FnOnce() + Send>;

/// Hashes that may wait per hashing thread (each takes ~20-60 ms).
const QUEUED_PER_THREAD: usize = 32;

/// The threads that run Argon2 (`ARGON2_MAX_PARALLEL` of them). They stop when the last handle
/// is dropped.
#[derive(Clone)]
pub struct PasswordWorkers {
    jobs: tokio::sync::mpsc::Sender<Job>,
}

impl PasswordWorkers {
    pub fn start(threads: usize) -> std::io::Result<Self> {
        // a short queue: past it a sign-in gets a 503 at once instead of waiting behind
        // minutes of hashing
        let (jobs, queue) = tokio::sync::mpsc::channel::<Job>(QUEUED_PER_THREAD * threads.max(1));
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || {
                lower_priority();
                loop {
                    let job = match queue.lock() {
                        Ok(mut queue) => queue.blocking_recv(),
                        Err(_) => None,
                    };
                    let Some(job) = job else { break };
                    // A panicking job drops its reply, which its caller sees as an error.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
                }
            })?;
        }
        Ok(Self { jobs })
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = reply.send(work());
        });
        self.jobs.try_send(job).map_err(|e| match e {
            tokio::sync::mpsc::error::TrySendError::Full(_) => {
                tracing::warn!("password hashing queue full; refusing a sign-in for now");
                AppError::Unavailable
            }
            tokio::sync::mpsc::error::TrySendError::Closed(_) => AppError::Internal,
        })?;
        answer.await.map_err(|_| {
            tracing::error!("password hashing failed");
            AppError::Internal
        })
    }
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority takes plain integers and touches no memory of ours; on Linux, who = 0
    // with PRIO_PROCESS is the calling thread.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, HASHING_NICE) };
    if rc != 0 {
        tracing::warn!("could not lower the priority of a password hashing thread");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
