//! Searching: `/` and typing filter to the sessions hit (one entry each), the prompt's Up/Down
//! pick one, Enter opens it at its first hit, n/N walk the hits within the session and then
//! across sessions, Esc brings the list back.

mod tui_support;

use recall::tui::app::{Action, Focus, Mode};
use recall::tui::input::Edit;
use tui_support::*;

/// Each session found, in order, with where its hits are (None: its end, a title hit).
fn hits(app: &recall::tui::app::App) -> Vec<(String, Vec<Option<i64>>)> {
    let search = app.search.as_ref().expect("a search");
    search.sessions.iter().map(|hits| (hits.session_id.clone(), recall::tui::app::walk(hits))).collect()
}

fn hit(session: &str, seqs: &[Option<i64>]) -> (String, Vec<Option<i64>>) {
    (session.to_string(), seqs.to_vec())
}

#[test]
fn slash_then_typing_filters_to_hits_as_you_type() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    assert_eq!(prompt_text(&app), Some(""));
    assert_eq!(app.search, None, "nothing typed, nothing searched");

    type_text(&mut app, &backend, "pars");
    assert_eq!(prompt_text(&app), Some("pars"));
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s3", &[Some(1)]), hit("s2", &[Some(2)])]);
    let search = app.search.as_ref().expect("a search");
    let titles: Vec<&str> = search.sessions.iter().map(|hits| hits.title.as_str()).collect();
    assert_eq!(titles, vec!["Fix the parser", "Parse the logs", "Plan a trip"]);
    assert!(search.sessions[1].title_matches && search.sessions[1].hits == 1);
    assert_eq!(search.terms, vec!["pars"]);
    assert_eq!(search.selected, 0);

    type_text(&mut app, &backend, "e the lo");
    assert_eq!(hits(&app), vec![hit("s3", &[Some(1)])], "every word must match");

    press(&mut app, &backend, [Action::Edit(Edit::DeleteToStart)]);
    assert_eq!(app.search, None, "an emptied prompt shows the list again");
    assert!(matches!(app.mode, Mode::Search(_)));
    assert_eq!(open_id(&app), Some("s1"), "typing does not open anything");
}

#[test]
fn down_and_up_in_the_prompt_pick_a_session_within_bounds() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    let selected = |app: &recall::tui::app::App| app.search.as_ref().expect("a search").selected;
    press(&mut app, &backend, [Action::Up]);
    assert_eq!(selected(&app), 0);
    press(&mut app, &backend, [Action::Down, Action::Down]);
    assert_eq!(selected(&app), 2);
    press(&mut app, &backend, [Action::Down, Action::Down, Action::Down]);
    assert_eq!(selected(&app), 2, "stops at the last session");
    press(&mut app, &backend, [Action::Up]);
    assert_eq!(selected(&app), 1);
    assert!(matches!(app.mode, Mode::Search(_)), "still typing");
}

#[test]
fn enter_opens_the_hit_session_at_its_event_and_n_walks_the_hits() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Down, Action::Submit]);

    // step: after_enter
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Conversation);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s3"), Some(1)));
    assert_eq!(status_text(&app), "Hit 2 of 3");
    let (_, state) = app.open.as_ref().expect("open");
    assert_eq!(state.highlight_terms(), ["pars"], "the matched word is highlighted");

    // step: n_to_the_next_session
    press(&mut app, &backend, [Action::NextHit]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)));
    assert_eq!(status_text(&app), "Hit 3 of 3");

    // step: n_at_the_last_hit
    press(&mut app, &backend, [Action::NextHit]);
    assert_eq!(status_text(&app), "Last hit");
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)), "stays on the last hit");

    // step: N_back_to_a_title_hit, which opens that session at its end
    press(&mut app, &backend, [Action::PreviousHit, Action::PreviousHit]);
    assert_eq!(open_id(&app), Some("s1"));
    assert!(open_at_end(&app));
    assert_eq!(status_text(&app), "Hit 1 of 3");
    press(&mut app, &backend, [Action::PreviousHit]);
    assert_eq!(status_text(&app), "First hit");
}

#[test]
fn n_walks_the_hits_within_a_session_before_the_next_session() {
    let backend = FakeBackend::new();
    backend.add("m", "Many", 1, vec![user("retry one"), assistant("no"), user("retry two"), assistant("retry three")]);
    backend.add("o", "Other", 30, vec![user("retry four"), assistant("ok")]);
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "retry");
    assert_eq!(hits(&app), vec![hit("m", &[Some(1), Some(3), Some(4)]), hit("o", &[Some(1)])]);
    assert_eq!(app.search.as_ref().expect("a search").sessions[0].hits, 3, "one entry, its hits counted");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("m"), Some(1)), "Enter opens at the first hit");
    let mut walked = vec![];
    for _ in 0..3 {
        press(&mut app, &backend, [Action::NextHit]);
        walked.push((open_id(&app).map(str::to_string), open_seq(&app), status_text(&app).to_string()));
    }
    let at = |id: &str, seq: i64, status: &str| (Some(id.to_string()), Some(seq), status.to_string());
    assert_eq!(walked, [at("m", 3, "Hit 2 of 4"), at("m", 4, "Hit 3 of 4"), at("o", 1, "Hit 4 of 4")]);
    press(&mut app, &backend, [Action::PreviousHit]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("m"), Some(4)), "N goes back to the last hit before");
    assert_eq!(status_text(&app), "Hit 3 of 4");
}

#[test]
fn j_and_k_in_the_sidebar_walk_the_sessions_while_a_search_is_shown() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Submit, Action::FocusSidebar, Action::Down]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s3"), Some(1)));
    assert_eq!(selected_id(&app), Some("s1"), "the session list underneath did not move");
    press(&mut app, &backend, [Action::Bottom]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)));
}

#[test]
fn esc_after_a_search_restores_the_list_with_the_open_session_selected() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "logs");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(open_id(&app), Some("s3"));

    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.search, None);
    assert_eq!(app.status, None);
    assert_eq!(app.focus, Focus::Sidebar, "Esc goes to the list, as the footer says");
    assert_eq!(app.sidebar.total, 3);
    assert_eq!(selected_id(&app), Some("s3"), "the session read is selected in the list");
    assert_eq!(open_id(&app), Some("s3"));
    let (_, state) = app.open.as_ref().expect("open");
    assert!(state.highlight_terms().is_empty(), "no more highlights");

    press(&mut app, &backend, [Action::NextHit]);
    assert_eq!(status_text(&app), "No search yet: press / to search");
}

#[test]
fn esc_in_the_prompt_drops_the_search_and_keeps_what_was_open() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down, Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.search, None);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s2"), Some("s2")));
}

#[test]
fn slash_again_edits_the_last_query() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "trip");
    press(&mut app, &backend, [Action::Submit, Action::StartSearch]);
    assert_eq!(prompt_text(&app), Some("trip"));
}

#[test]
fn enter_with_no_hits_says_so_and_keeps_the_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "zebra");
    assert_eq!(hits(&app), vec![]);
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(status_text(&app), "No matches for 'zebra'");
    assert_eq!(open_id(&app), Some("s1"));
    press(&mut app, &backend, [Action::NextHit]);
    assert_eq!(status_text(&app), "No hits");
}

#[test]
fn enter_on_an_empty_prompt_just_closes_it() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch, Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!((app.search.clone(), app.status.clone()), (None, None));
}

#[test]
fn deleted_sessions_are_not_found() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Bottom, Action::AskDelete, Action::Submit, Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s2", &[Some(2)])]);
}

#[test]
fn enter_on_a_hit_in_the_sidebar_reads_that_hit() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Submit, Action::FocusSidebar, Action::Down, Action::Down]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)));
    press(&mut app, &backend, [Action::Activate]);
    assert_eq!(app.focus, Focus::Conversation);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)), "still the hit, not the list's session");
}

#[test]
fn a_search_behind_the_index_says_so_and_runs_again_once_it_has_caught_up() {
    let backend = three_sessions();
    backend.lag_index(9000, true, &["s3"]);
    let mut app = launch(&backend, 80, 24);
    assert!(status_text(&app).contains("Indexing 9000 events for search"), "{}", status_text(&app));
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s2", &[Some(2)])]);
    press(&mut app, &backend, [Action::Down, Action::Submit]);
    assert!(app.search.as_ref().unwrap().incomplete);
    assert_eq!(status_text(&app), "Still indexing (9000 events to go): 2 matches so far, more when done");

    app.update(&backend, Action::Tick { now: now() });
    assert_eq!(hits(&app).len(), 2, "still indexing: nothing to do");

    backend.finish_indexing();
    app.update(&backend, Action::Tick { now: now() });
    let search = app.search.as_ref().unwrap();
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s3", &[Some(1)]), hit("s2", &[Some(2)])]);
    assert!(!search.incomplete);
    let current = search.current().map(|(hits, seq)| (hits.session_id.as_str(), seq));
    assert_eq!(current, Some(("s2", Some(2))), "the hit being read stays selected");
    assert_eq!(status_text(&app), "Search index complete: results updated");
}

#[test]
fn no_matches_behind_a_read_only_index_names_the_fix() {
    let backend = three_sessions();
    backend.set_read_only(true);
    backend.lag_index(9000, false, &["s3"]);
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "logs");
    press(&mut app, &backend, [Action::Submit]);
    let status = status_text(&app);
    assert_eq!(status, "Read-only store, search index 9000 events behind: run `recall index`");
    let screen = screen_text(&app);
    assert!(screen.contains("0 hits so far") && screen.contains("No matches so far"), "{screen}");
    assert!(screen.contains("run `recall index`"), "the way out fits at 80 columns:\n{screen}");
}

#[test]
fn esc_after_walking_hits_with_n_goes_to_the_list() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Submit, Action::NextHit]);
    assert_eq!(app.focus, Focus::Conversation);
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.search, None);
    assert_eq!(app.focus, Focus::Sidebar);
    assert_eq!(selected_id(&app), open_id(&app), "the session read is the one selected");
}

#[test]
fn the_prompt_reads_the_filter_language_words_are_searched_and_highlighted() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars agent:test");
    assert_eq!(app.search.as_ref().expect("a search").terms, vec!["pars"], "qualifiers are not search words");
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s3", &[Some(1)]), hit("s2", &[Some(2)])]);

    press(&mut app, &backend, [Action::Edit(Edit::DeleteToStart)]);
    type_text(&mut app, &backend, "pars after:soon");
    assert_eq!(
        status_text(&app),
        "'soon' is not a time: use a date (2026-11-01), an age (30m, 12h, 3d, 2w), today or yesterday"
    );
    assert!(status_is_error(&app));
}

#[test]
fn keys_queued_together_search_once_for_the_text_they_leave() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    app.begin_input_batch();
    for ch in "pars".chars() {
        app.update(&backend, Action::Edit(Edit::Insert(ch)));
    }
    assert_eq!(prompt_text(&app), Some("pars"), "the prompt takes every key");
    assert_eq!(app.search, None, "no search for p, pa, par on the way");
    app.end_input_batch(&backend);
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s3", &[Some(1)]), hit("s2", &[Some(2)])]);

    // A word and Enter in one burst open the hit of the word, not of what came before it.
    press(&mut app, &backend, [Action::Cancel, Action::StartSearch]);
    app.begin_input_batch();
    for ch in "logs".chars() {
        app.update(&backend, Action::Edit(Edit::Insert(ch)));
    }
    app.update(&backend, Action::Submit);
    app.end_input_batch(&backend);
    assert_eq!((app.mode.clone(), open_id(&app)), (Mode::Normal, Some("s3")));
}

#[test]
fn on_a_search_thread_keys_show_at_once_and_the_hits_follow() {
    let backend = three_sessions();
    backend.search_in_background();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    assert_eq!(prompt_text(&app), Some("pars"), "the prompt has every key");
    assert_eq!(app.search, None, "the hits are not in yet");
    assert!(screen_text(&app).contains("Searching…"), "{}", screen_text(&app));
    assert!(!app.collect_search(&backend), "nothing finished, nothing shown");

    backend.finish_search();
    assert!(app.collect_search(&backend));
    assert_eq!(hits(&app), vec![hit("s1", &[None]), hit("s3", &[Some(1)]), hit("s2", &[Some(2)])]);
    assert_eq!(app.search.as_ref().map(|search| search.query.as_str()), Some("pars"));

    // Enter before the hits of the last key are in waits for them: it opens what was typed.
    type_text(&mut app, &backend, "e the lo");
    assert_eq!(hits(&app).len(), 3, "still the hits of 'pars' on screen");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(hits(&app), vec![hit("s3", &[Some(1)])]);
    assert_eq!(open_id(&app), Some("s3"));
}

#[test]
fn leaving_the_prompt_drops_a_search_still_running() {
    let backend = three_sessions();
    backend.search_in_background();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Cancel]);
    backend.finish_search();
    assert!(!app.collect_search(&backend));
    assert_eq!(app.search, None, "no hits appear after Esc");
    assert!(screen_text(&app).contains("Sessions 3"), "{}", screen_text(&app));
}
