//! Merging events that report the same happening.
//!
//! Two events are the same happening when their times are compatible and
//! their words are similar:
//!
//! * time: events dated to a day or finer are compared within their
//!   calendar day ("Thursday night", "late on Thursday" and "yesterday" in a
//!   Friday article all fall on Thursday); an event of a coarser stretch of
//!   at most a month ("this week's attack") may join a cluster of a day inside
//!   it; other coarse events are compared with events of the same stretch.
//!   Events are bucketed by day first, so the work grows with the size of a
//!   day's news, not with the square of the corpus.
//! * words: cosine similarity of the events' weighted content terms
//!   (TF-IDF over all events of the build; words near the expression and
//!   names weigh more), against the running centroid of a cluster.
//!
//! Clustering is greedy in input order, then clusters of one bucket whose
//! centroids are similar are joined; all of it is deterministic.

use crate::engine::timex::Granularity;
use crate::story::events::Event;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Similarity needed to join a cluster of the same day.
pub const SAME_DAY_THRESHOLD: f32 = 0.25;
/// Similarity needed for a coarser event (a week, a month) to join a day inside it.
pub const CONTAINED_THRESHOLD: f32 = 0.3;
/// The longest coarse stretch that may join a day's cluster, in days.
pub const MAX_CONTAINING_DAYS: i64 = 31;

/// A sparse, unit-length term vector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vector(Vec<(u32, f32)>);

impl Vector {
    /// The unit vector of `(term, weight)` pairs (a term given twice keeps its larger weight).
    pub fn from_weights(mut v: Vec<(u32, f32)>) -> Vector {
        v.sort_by_key(|(t, _)| *t);
        v.dedup_by(|a, b| {
            if a.0 == b.0 {
                b.1 = b.1.max(a.1);
                true
            } else {
                false
            }
        });
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        Vector(v)
    }

    /// Cosine of two unit vectors.
    pub fn cosine(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `(term, weight)` pairs, by term.
    pub fn entries(&self) -> &[(u32, f32)] {
        &self.0
    }
}

/// Term ids and inverse document frequencies over a set of events.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// The largest idf (at least 1): the weight of a term the vocabulary lacks.
    rare: f32,
}

impl Vocabulary {
    /// Learns the terms of `events`.
    pub fn new<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vocabulary {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut n = 0u32;
        for e in events {
            n += 1;
            for (t, _) in &e.terms {
                let next = ids.len() as u32;
                let id = *ids.entry(t.clone()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
            }
        }
        let total = n.max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + total / d as f32).ln()).collect();
        let rare = idf.iter().copied().fold(1.0f32, f32::max);
        Vocabulary { ids, idf, rare }
    }

    /// The vocabulary [`Vocabulary::new`] learns from `events` events
    /// whose terms are, in the order each first appears, `terms` with the
    /// number of times each appears (its document frequency, as `new` counts it).
    pub fn from_counts(terms: Vec<(String, u32)>, events: usize) -> Vocabulary {
        let total = (events as u32).max(1) as f32;
        let mut ids = HashMap::with_capacity(terms.len());
        let mut idf = Vec::with_capacity(terms.len());
        for (t, d) in terms {
            ids.insert(t, idf.len() as u32);
            idf.push((1.0 + total / d as f32).ln());
        }
        let rare = idf.iter().copied().fold(1.0f32, f32::max);
        Vocabulary { ids, idf, rare }
    }

    /// How many terms it knows.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// A term's id and inverse document frequency.
    pub fn term(&self, t: &str) -> Option<(u32, f32)> {
        self.ids.get(t).map(|&id| (id, self.idf[id as usize]))
    }

    /// The vector of an event; terms the vocabulary lacks weigh as the rarest.
    pub fn vector(&self, e: &Event) -> Vector {
        let rare = self.rare.max(1.0);
        let mut extra = self.ids.len() as u32;
        let v = e
            .terms
            .iter()
            .map(|(t, w)| match self.ids.get(t) {
                Some(&id) => (id, w * self.idf[id as usize]),
                None => {
                    extra += 1;
                    (u32::MAX - extra, w * rare)
                }
            })
            .collect();
        Vector::from_weights(v)
    }
}

/// A running cluster: member indices and the (unnormalised) sum of their vectors.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    members: Vec<usize>,
    sum: BTreeMap<u32, f32>,
}

impl Cluster {
    fn add(&mut self, i: usize, v: &Vector) {
        self.members.push(i);
        for &(t, w) in &v.0 {
            *self.sum.entry(t).or_insert(0.0) += w;
        }
    }

    fn centroid(&self) -> Vector {
        Vector::from_weights(self.sum.iter().map(|(&t, &w)| (t, w)).collect())
    }

    /// Its members (indices into the events clustered).
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// Its members, taken out.
    pub fn into_members(self) -> Vec<usize> {
        self.members
    }

    /// Has each member index `i` become `to(i)`.
    pub fn renumber(&mut self, to: impl Fn(usize) -> usize) {
        for m in &mut self.members {
            *m = to(*m);
        }
    }

    fn absorb(&mut self, other: Cluster) {
        self.members.extend(other.members);
        for (t, w) in other.sum {
            *self.sum.entry(t).or_insert(0.0) += w;
        }
    }
}

/// The most events clustered together: a bigger bucket (a day of a huge
/// archive, or a stretch many articles share) is cut into blocks of this
/// many events in input order, so that the greedy pass, O(events × clusters),
/// and the joining, O(clusters²), stay bounded per event and merge time grows
/// linearly with the number of events. No bucket of a few thousand articles
/// comes near it.
pub const MAX_BLOCK: usize = 1024;

/// A clocked moment of one document: its index and the time's start.
type Moment = (usize, chrono::NaiveDateTime);

/// The moment a live page's entry stamp names (a stamp's role, a bracketed
/// time opening the entry, "LIBYA , 6:49 p.m. ET , …:"): two entries of one
/// page at different times are different happenings (its "(8:59 p.m.
/// Monday ET …)" and "(11 p.m. Monday ET …)"), however alike their words.
fn moment(e: &Event) -> Option<Moment> {
    // only an entry's own stamp: within an article, "at 4:53 p.m." and
    // "shortly before 5 p.m.", or one time in two zones, are one happening
    let text = e.sentence.text.trim_start();
    let bracketed = (text.starts_with("-LRB-") || text.starts_with('('))
        && e.mention.byte_start.saturating_sub(e.sentence.byte_start) <= 8;
    let stamp = e.mention.role == Some(crate::engine::timex::Role::EntryStamp)
        || e.mention
            .rule
            .starts_with("weekday in a live page's time stamp")
        // "(8:48 a.m. ET , 2:28 p.m. in Libya) The Libyan government …",
        // "LIBYA , 6:49 p.m. ET , 1:49 a.m. local : …"
        || bracketed
        || crate::article::furniture::entry_stamp_end(text).is_some();
    if !stamp || e.mention.timex.granularity <= Granularity::Day {
        return None;
    }
    e.mention.timex.interval.map(|i| (e.doc, i.start))
}

/// Whether moments `a` and `b` are of one document at different times.
fn apart(a: &[Moment], b: &[Moment]) -> bool {
    a.iter()
        .any(|&(d, t)| b.iter().any(|&(e, u)| d == e && t != u))
}

/// [`cluster_apart`] with no moments to keep apart.
fn cluster(items: &[(usize, &Vector)], threshold: f32) -> Vec<Cluster> {
    cluster_apart(items, threshold, &|_| None)
}

/// [`cluster_block`] over blocks of at most [`MAX_BLOCK`] items, keeping
/// apart the events whose [`moment`]s (given by `moment_of`, by event
/// index) are of one document at different times.
fn cluster_apart(
    items: &[(usize, &Vector)],
    threshold: f32,
    moment_of: &(dyn Fn(usize) -> Option<Moment> + Sync),
) -> Vec<Cluster> {
    if items.len() <= MAX_BLOCK {
        return cluster_block(items, threshold, moment_of);
    }
    items
        .par_chunks(MAX_BLOCK)
        .map(|block| cluster_block(block, threshold, moment_of))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Greedy clustering of `items` (event index, vector) at `threshold`, then
/// joining of similar clusters.
fn cluster_block(
    items: &[(usize, &Vector)],
    threshold: f32,
    moment_of: &dyn Fn(usize) -> Option<Moment>,
) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut centroids: Vec<Vector> = Vec::new();
    // each cluster's clocked moments (most have none)
    let mut moments: Vec<Vec<Moment>> = Vec::new();
    for &(i, v) in items {
        let own = moment_of(i);
        let best = centroids
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.cosine(v)))
            .filter(|&(k, s)| s >= threshold && !apart(own.as_slice(), &moments[k]))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((k, _)) => {
                clusters[k].add(i, v);
                centroids[k] = clusters[k].centroid();
                moments[k].extend(own);
            }
            None => {
                let mut c = Cluster::default();
                c.add(i, v);
                centroids.push(c.centroid());
                clusters.push(c);
                moments.push(own.into_iter().collect());
            }
        }
    }
    // Join clusters whose centroids are similar (a few passes, each O(k²)).
    for _ in 0..3 {
        let mut changed = false;
        let mut a = 0;
        while a < clusters.len() {
            let mut b = a + 1;
            while b < clusters.len() {
                if centroids[a].cosine(&centroids[b]) >= threshold
                    && !apart(&moments[a], &moments[b])
                {
                    let other = clusters.remove(b);
                    centroids.remove(b);
                    let theirs = moments.remove(b);
                    clusters[a].absorb(other);
                    centroids[a] = clusters[a].centroid();
                    moments[a].extend(theirs);
                    changed = true;
                } else {
                    b += 1;
                }
            }
            a += 1;
        }
        if !changed {
            break;
        }
    }
    clusters
}

/// Groups `events` into happenings; each group lists event indices in input order.
/// Groups come out ordered by their first event.
pub fn merge(events: &[Event]) -> Vec<Vec<usize>> {
    let (vocab, vectors) = self::vectors(events);
    merge_using(events, &vocab, &vectors)
}

/// The vocabulary of `events` and each event's vector in it.
pub fn vectors(events: &[Event]) -> (Vocabulary, Vec<Vector>) {
    let vocab = Vocabulary::new(events);
    let vectors: Vec<Vector> = events.par_iter().map(|e| vocab.vector(e)).collect();
    (vocab, vectors)
}

/// The clusters of one day's events (`idx`, indices into `events`, in
/// their order): greedy clustering, then references by name joined to the
/// happening they name.
pub fn day_clusters(
    idx: &[usize],
    events: &[Event],
    vocab: &Vocabulary,
    vectors: &[Vector],
) -> Vec<Cluster> {
    let items: Vec<(usize, &Vector)> = idx.iter().map(|&i| (i, &vectors[i])).collect();
    let mut cs = cluster_apart(&items, SAME_DAY_THRESHOLD, &|i| moment(&events[i]));
    join_named(&mut cs, events, vocab);
    cs
}

/// The clusters of the coarse events of one stretch that joined no day
/// (`idx`, in their order).
pub fn stretch_clusters(idx: &[usize], vectors: &[Vector]) -> Vec<Cluster> {
    let items: Vec<(usize, &Vector)> = idx.iter().map(|&i| (i, &vectors[i])).collect();
    cluster(&items, SAME_DAY_THRESHOLD)
}

/// A day's clusters as coarse events see them: before any coarse event
/// joins one.
#[derive(Debug)]
pub struct Day {
    clusters: Vec<Cluster>,
    centroids: Vec<Vector>,
    /// [`postings`], made when a reference by name first asks.
    index: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

impl Day {
    pub fn new(clusters: Vec<Cluster>) -> Day {
        Day {
            centroids: clusters.iter().map(Cluster::centroid).collect(),
            clusters,
            index: std::sync::OnceLock::new(),
        }
    }

    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The clusters, taken out.
    pub fn into_clusters(self) -> Vec<Cluster> {
        self.clusters
    }

    /// Has each member index `i` become `to(i)` (the events moved).
    pub fn renumber(&mut self, to: &dyn Fn(usize) -> usize) {
        for c in &mut self.clusters {
            c.renumber(to);
        }
    }

    fn index(&self, events: &[Event]) -> &HashMap<String, Vec<usize>> {
        self.index.get_or_init(|| {
            postings(&self.clusters, events)
                .into_iter()
                .map(|(t, l)| (t.to_string(), l))
                .collect()
        })
    }
}

/// The day cluster (day, cluster index) a coarse event `i` joins, if any:
/// the one its name names ([`named_home`]), else the most similar inside its
/// stretch (never one holding its own sentence). `days` gives the clusters
/// of a day, before any coarse event joined them. A coarse event's home
/// depends on nothing else, so homes may be found in any order.
pub fn coarse_home<'d>(
    i: usize,
    events: &[Event],
    vocab: &Vocabulary,
    vectors: &[Vector],
    days: &dyn Fn(NaiveDate) -> Option<&'d Day>,
) -> Option<(NaiveDate, usize)> {
    let e = &events[i];
    if let Some(home) = named_home(e, vocab, events, days) {
        return Some(home);
    }
    let days_long = (e.span.end - e.span.start).num_days();
    let mut best: Option<(NaiveDate, usize, f32)> = None;
    if days_long <= MAX_CONTAINING_DAYS {
        let mut d = e.span.start.date();
        while d.and_hms_opt(0, 0, 0).is_some_and(|t| t < e.span.end) {
            if let Some(day) = days(d) {
                for (c, centroid) in day.centroids.iter().enumerate() {
                    let s = centroid.cosine(&vectors[i]);
                    if s < CONTAINED_THRESHOLD || best.is_some_and(|(_, _, bs)| s <= bs) {
                        continue;
                    }
                    // never into a cluster of its own sentence (checked
                    // last: it walks the members)
                    let same_sentence = day.clusters[c].members.iter().any(|&j| {
                        events[j].doc == e.doc
                            && events[j].sentence.byte_start == e.sentence.byte_start
                    });
                    if !same_sentence {
                        best = Some((d, c, s));
                    }
                }
            }
            let Some(next) = d.succ_opt() else { break };
            d = next;
        }
    }
    best.map(|(d, c, _)| (d, c))
}

/// [`merge`] with the vocabulary and vectors [`vectors`] made.
pub fn merge_using(events: &[Event], vocab: &Vocabulary, vectors: &[Vector]) -> Vec<Vec<usize>> {
    // Buckets: day-or-finer events by day; others by their stretch.
    let mut days: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let mut coarse: Vec<usize> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match e.day() {
            Some(d) => days.entry(d).or_default().push(i),
            None => coarse.push(i),
        }
    }

    let day_list: Vec<(NaiveDate, Vec<usize>)> = days.into_iter().collect();
    let mut day_clusters: BTreeMap<NaiveDate, Day> = day_list
        .par_iter()
        .map(|(d, idx)| (*d, Day::new(day_clusters(idx, events, vocab, vectors))))
        .collect();

    // A coarse event joins the day cluster it names, or the most similar
    // inside its stretch; else it is clustered with its stretch.
    let mut stretches: BTreeMap<
        (chrono::NaiveDateTime, chrono::NaiveDateTime, Granularity),
        Vec<usize>,
    > = BTreeMap::new();
    let mut joins: Vec<(NaiveDate, usize, usize)> = Vec::new();
    for &i in &coarse {
        match coarse_home(i, events, vocab, vectors, &|d| day_clusters.get(&d)) {
            Some((d, c)) => joins.push((d, c, i)),
            None => {
                let e = &events[i];
                stretches
                    .entry((e.span.start, e.span.end, e.mention.timex.granularity))
                    .or_default()
                    .push(i)
            }
        }
    }
    for (d, c, i) in joins {
        if let Some(day) = day_clusters.get_mut(&d) {
            day.clusters[c].add(i, &vectors[i]);
        }
    }

    let stretch_list: Vec<Vec<usize>> = stretches.into_values().collect();
    let coarse_clusters: Vec<Vec<Cluster>> = stretch_list
        .par_iter()
        .map(|idx| stretch_clusters(idx, vectors))
        .collect();

    let mut out: Vec<Vec<usize>> = day_clusters
        .into_values()
        .flat_map(|day| day.clusters)
        .chain(coarse_clusters.into_iter().flatten())
        .map(|mut c| {
            c.members.sort_unstable();
            c.members
        })
        .collect();
    out.sort();
    out
}

/// Share of a name a cluster must cover for a reference by name to join it.
pub const NAME_COVERAGE: f32 = 0.5;

/// For each term, the clusters (indices into a day's clusters, ascending)
/// whose events use it.
fn postings<'a>(clusters: &[Cluster], events: &'a [Event]) -> HashMap<&'a str, Vec<usize>> {
    let mut index: HashMap<&'a str, Vec<usize>> = HashMap::new();
    for (c, cl) in clusters.iter().enumerate() {
        for &j in &cl.members {
            for (t, _) in &events[j].terms {
                let list = index.entry(t.as_str()).or_default();
                if list.last() != Some(&c) {
                    list.push(c);
                }
            }
        }
    }
    index
}

/// The cluster of a day that covers most of the name `e` gives a happening
/// ("this week's attack in Nice": attack, Nice): the share of the name's
/// weight (term weight × idf) found among the cluster's terms, at least
/// [`NAME_COVERAGE`]. Returns (cluster, share, size); on equal shares the
/// bigger cluster, then the first. Clusters `skip` rules out do not compete.
fn best_named<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    e: &Event,
    vocab: &Vocabulary,
    clusters: &[Cluster],
    index: &HashMap<K, Vec<usize>>,
    skip: impl Fn(&Cluster) -> bool,
) -> Option<(usize, f32, usize)> {
    let weight = |t: &str| {
        let w = e
            .terms
            .iter()
            .find(|(u, _)| u == t)
            .map_or(1.0, |(_, w)| *w);
        w * vocab.ids.get(t).map_or(1.0, |&id| vocab.idf[id as usize])
    };
    let total: f32 = e.named.iter().map(|t| weight(t)).sum();
    if total <= 0.0 {
        return None;
    }
    let mut found: BTreeMap<usize, f32> = BTreeMap::new();
    for t in &e.named {
        let w = weight(t);
        for &c in index.get(t.as_str()).map_or(&[][..], Vec::as_slice) {
            *found.entry(c).or_insert(0.0) += w;
        }
    }
    let mut best: Option<(usize, f32, usize)> = None;
    for (c, w) in found {
        let share = w / total;
        let size = clusters[c].members.len();
        if share >= NAME_COVERAGE
            && best.is_none_or(|(_, bs, bn)| (share, size) > (bs, bn))
            && !skip(&clusters[c])
        {
            best = Some((c, share, size));
        }
    }
    best
}

/// A day's clusters made only of references by name ("Thursday's talks")
/// join the cluster of the same day that covers most of their name: the
/// happening they name is reported there in other words.
fn join_named(clusters: &mut Vec<Cluster>, events: &[Event], vocab: &Vocabulary) {
    let named_only = |c: &Cluster| c.members.iter().all(|&j| !events[j].named.is_empty());
    if !clusters.iter().any(named_only) {
        return;
    }
    let index = postings(clusters, events);
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (a, cl) in clusters.iter().enumerate() {
        if !named_only(cl) {
            continue;
        }
        let best = cl
            .members
            .iter()
            .filter_map(|&j| best_named(&events[j], vocab, clusters, &index, named_only))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(x.2.cmp(&y.2)).then(y.0.cmp(&x.0)));
        if let Some((b, _, _)) = best {
            moves.push((a, b));
        }
    }
    // Named-only clusters never receive others, so moving them (highest
    // index first, keeping the indices below valid) is order-free. A
    // target's index drops by one for every moved cluster before it (not
    // only the one being moved: two clusters joining a later one made the
    // second move index past the end).
    moves.sort_by_key(|x| std::cmp::Reverse(x.0));
    let mut moved: Vec<usize> = moves.iter().map(|m| m.0).collect();
    moved.sort_unstable();
    let taken: Vec<(Cluster, usize)> = moves
        .into_iter()
        .map(|(a, b)| (clusters.remove(a), b))
        .collect();
    for (c, b) in taken {
        let before = moved.partition_point(|&a| a < b);
        clusters[b - before].absorb(c);
    }
}

/// The day cluster (day, cluster index) a coarse reference by name
/// ("this week's attack in Nice") belongs to: among the days inside its
/// stretch, the cluster that covers most of its name, never one holding its
/// own sentence.
fn named_home<'d>(
    e: &Event,
    vocab: &Vocabulary,
    events: &[Event],
    days: &dyn Fn(NaiveDate) -> Option<&'d Day>,
) -> Option<(NaiveDate, usize)> {
    if e.named.is_empty() || (e.span.end - e.span.start).num_days() > MAX_CONTAINING_DAYS {
        return None;
    }
    let same_sentence = |c: &Cluster| {
        c.members.iter().any(|&j| {
            events[j].doc == e.doc && events[j].sentence.byte_start == e.sentence.byte_start
        })
    };
    let mut best: Option<(NaiveDate, usize, f32, usize)> = None;
    let mut d = e.span.start.date();
    while d.and_hms_opt(0, 0, 0).is_some_and(|t| t < e.span.end) {
        if let Some(day) = days(d)
            && let Some((c, s, n)) =
                best_named(e, vocab, &day.clusters, day.index(events), same_sentence)
            && best.is_none_or(|(_, _, bs, bn)| (s, n) > (bs, bn))
        {
            best = Some((d, c, s, n));
        }
        let Some(next) = d.succ_opt() else { break };
        d = next;
    }
    best.map(|(d, c, _, _)| (d, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(u32, f32)]) -> Vector {
        Vector::from_weights(pairs.to_vec())
    }

    /// The events of several articles, all dated 2016-07-15.
    fn events_of(texts: &[&str]) -> Vec<Event> {
        let g = crate::engine::tag::Grammar::embedded();
        let dct = crate::article::document::Dct::parse(
            "2016-07-15",
            crate::article::document::DctSource::Cli,
        )
        .unwrap();
        let mut out = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let doc = crate::article::document::Document {
                id: format!("d{i}"),
                id_number: false,
                path: None,
                text: text.to_string(),
                dct: Some(dct.clone()),
                page: None,
            };
            let mentions = crate::engine::annotate(text, Some(&dct), g);
            out.extend(crate::story::events::extract(i, &doc, &mentions, None, g));
        }
        out
    }

    fn group_of<'a>(groups: &'a [Vec<usize>], events: &[Event], words: &str) -> &'a [usize] {
        let i = events
            .iter()
            .position(|e| e.sentence.text.contains(words))
            .unwrap();
        groups.iter().find(|g| g.contains(&i)).unwrap()
    }

    #[test]
    fn references_by_name_join_the_happening_they_name() {
        let events = events_of(&[
            "Dozens of people were killed on Thursday when a gunman drove a truck into a crowd in Nice.\n\nKerry and Putin held talks late on Thursday about the war in Syria.",
            "Kerry met Putin on Thursday night for talks on Syria.\n\nThe Washington Post on Thursday published a leaked plan.",
            "Lavrov and Kerry held long negotiations on Friday, with this week's attack in Nice as backdrop.\n\nThe Kremlin said on Friday that the plan had not been addressed in Thursday's talks.",
        ]);
        let groups = merge(&events);
        let attack = group_of(&groups, &events, "gunman");
        let week = events
            .iter()
            .position(|e| e.mention.text == "this week")
            .unwrap();
        assert!(attack.contains(&week), "{groups:?}");
        let talks = group_of(&groups, &events, "Putin held talks");
        let kremlin = events
            .iter()
            .position(|e| e.mention.text == "Thursday" && e.sentence.text.contains("Kremlin"))
            .unwrap();
        assert!(talks.contains(&kremlin), "{groups:?}");
        // Naming is not enough without the name: the Post's plan stays apart.
        let post = group_of(&groups, &events, "Washington Post");
        assert!(!post.contains(&kremlin) && !post.contains(&week));
    }

    #[test]
    fn a_date_before_its_noun_joins_the_happening_it_names() {
        let events = events_of(&[
            "An explosion destroyed the Deepwater Horizon rig in the Gulf of Mexico on 10 July, killing 11 workers in the disaster.",
            "The Deepwater Horizon rig exploded on 10 July, a disaster that killed 11 workers.",
            "Janet Napolitano appeared at the hearing, the first time senators could question officials about the response to the 10 July disaster.",
        ]);
        let groups = merge(&events);
        let rig = group_of(&groups, &events, "An explosion destroyed");
        let named = events
            .iter()
            .position(|e| e.sentence.text.contains("Napolitano"))
            .unwrap();
        assert!(rig.contains(&named), "{groups:?} {:?}", events[named].named);
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let a = v(&[(1, 1.0), (2, 1.0)]);
        let b = v(&[(2, 1.0), (3, 1.0)]);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-6);
        assert!((a.cosine(&b) - 0.5).abs() < 1e-6);
        assert_eq!(a.cosine(&Vector::default()), 0.0);
    }

    #[test]
    fn one_documents_entries_at_different_times_stay_apart() {
        let t = |h: u32| {
            NaiveDate::from_ymd_opt(2011, 3, 21)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap()
        };
        // a live page (document 0) at 8 p.m. and 11 p.m., the same words;
        // document 1 at 11 p.m.; document 0 again at 8 p.m.
        let a = v(&[(1, 1.0), (2, 1.0), (3, 1.0)]);
        let moments = [(0, t(20)), (0, t(23)), (1, t(23)), (0, t(20))];
        let items = vec![(0, &a), (1, &a), (2, &a), (3, &a)];
        let cl = cluster_apart(&items, 0.3, &|i| Some(moments[i]));
        let members: Vec<Vec<usize>> = cl.into_iter().map(|c| c.members).collect();
        assert_eq!(members, vec![vec![0, 2, 3], vec![1]]);
        // without clocks they are one happening
        let cl = cluster(&items, 0.3);
        assert_eq!(cl.len(), 1);
    }

    #[test]
    fn greedy_clusters_join_similar_and_keep_apart_different() {
        let a = v(&[(1, 1.0), (2, 1.0), (3, 1.0)]);
        let b = v(&[(1, 1.0), (2, 1.0), (4, 1.0)]);
        let c = v(&[(7, 1.0), (8, 1.0)]);
        let items = vec![(0, &a), (1, &c), (2, &b)];
        let cl = cluster(&items, 0.3);
        let members: Vec<Vec<usize>> = cl.into_iter().map(|c| c.members).collect();
        assert_eq!(members, vec![vec![0, 2], vec![1]]);
    }
}
